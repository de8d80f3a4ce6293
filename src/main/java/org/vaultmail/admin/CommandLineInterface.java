package org.vaultmail.admin;

import java.util.Comparator;
import java.util.List;

import org.springframework.beans.BeansException;
import org.springframework.stereotype.Component;

/** Dispatches {@code ./vaultmail COMMAND …} to the matching {@link CliCommand}. */
@Component
public class CommandLineInterface {

    private final List<CliCommand> commands;

    CommandLineInterface(List<CliCommand> commands) {
        this.commands = commands.stream().sorted(Comparator.comparing(CliCommand::name)).toList();
    }

    public int run(String name, List<String> args) {
        if (name.equals("help") || name.equals("--help")) {
            System.out.println(usage());
            return 0;
        }
        return commands.stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .map(c -> c.run(args, System.out, System.err))
                .orElseGet(() -> {
                    System.err.println("vaultmail: unknown command '" + name + "'\n\n" + usage());
                    return 64;
                });
    }

    public String usage() {
        StringBuilder text = new StringBuilder("""
                usage: ./vaultmail COMMAND [ARGS] [--config FILE] [--data-dir DIR] [--port N] [--spring.x=y]

                  demo        run with an in-process demo mail server on http://127.0.0.1:8080
                  serve       run the server
                  test        run all tests (launcher only)
                """);
        commands.forEach(c -> text.append(String.format("  %-11s %s%n", c.name(), c.summary())));
        return text.toString();
    }

    /** An error for the terminal: the causes' messages, never a stack trace (which could carry values). */
    public static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        if (e instanceof BeansException && root.getMessage() != null) {
            return root.getMessage(); // bean-creation wrappers only repeat the root cause with noise
        }
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && text.indexOf(t.getMessage()) < 0) {
                if (!text.isEmpty()) text.append(": ");
                text.append(t.getMessage());
            }
        }
        return text.isEmpty() ? e.getClass().getSimpleName() : text.toString();
    }
}
