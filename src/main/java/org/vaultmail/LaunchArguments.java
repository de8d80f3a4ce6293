package org.vaultmail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The command line as the launcher script passes it: {@code COMMAND [ARGS…] [--config FILE]
 * [--data-dir DIR] [--port N] [--spring.x=y …]}. Translates the short options into Spring
 * properties so every subcommand accepts them the same way.
 */
record LaunchArguments(String command, List<String> commandArgs, List<String> springArgs) {

    static final Set<String> SERVER_COMMANDS = Set.of("serve", "demo");

    static LaunchArguments parse(String... args) {
        String command = null;
        List<String> commandArgs = new ArrayList<>();
        List<String> springArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (optionName(arg)) {
                case "--config" -> {
                    String file = valueOf(args, i, arg);
                    if (!arg.contains("=")) i++;
                    if (!Files.isRegularFile(Path.of(file))) {
                        throw new UsageException("--config " + file + ": no such file");
                    }
                    springArgs.add("--spring.config.additional-location=file:" + Path.of(file).toAbsolutePath());
                }
                case "--data-dir" -> {
                    springArgs.add("--vaultmail.data-dir=" + valueOf(args, i, arg));
                    if (!arg.contains("=")) i++;
                }
                case "--port" -> {
                    String port = valueOf(args, i, arg);
                    if (!port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535) {
                        throw new UsageException("--port needs a TCP port number (0 for any free port), not '" + port + "'");
                    }
                    springArgs.add("--server.port=" + port);
                    if (!arg.contains("=")) i++;
                }
                default -> {
                    if (arg.startsWith("--spring.") || arg.startsWith("--vaultmail.")
                            || arg.startsWith("--server.") || arg.startsWith("--logging.")
                            || arg.startsWith("--management.")) {
                        springArgs.add(arg);
                    } else if (command == null && !arg.startsWith("-")) {
                        command = arg;
                    } else {
                        commandArgs.add(arg);
                    }
                }
            }
        }
        return new LaunchArguments(command == null ? "serve" : command, List.copyOf(commandArgs), List.copyOf(springArgs));
    }

    boolean startsServer() {
        return SERVER_COMMANDS.contains(command);
    }

    private static String optionName(String arg) {
        int eq = arg.indexOf('=');
        return eq > 0 ? arg.substring(0, eq) : arg;
    }

    private static String valueOf(String[] args, int i, String arg) {
        int eq = arg.indexOf('=');
        if (eq > 0) return arg.substring(eq + 1);
        if (i + 1 >= args.length) throw new UsageException(arg + " needs a value");
        return args[i + 1];
    }

    /** A mistake on the command line; printed without a stack trace. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
