package org.vaultmail.admin;

import java.io.PrintStream;
import java.util.List;

import org.springframework.stereotype.Component;
import org.vaultmail.auth.session.SigningKeys;

/** {@code ./vaultmail auth-keys list|rotate}: access-token signing keys. Exit 0 ok, 1 failed, 64 usage. */
@Component
class AuthKeysCommand implements CliCommand {

    static final String USAGE = """
            usage: ./vaultmail auth-keys list
                   ./vaultmail auth-keys rotate""";

    private final SigningKeys keys;

    AuthKeysCommand(SigningKeys keys) {
        this.keys = keys;
    }

    @Override
    public String name() {
        return "auth-keys";
    }

    @Override
    public String summary() {
        return "access-token signing keys: list, rotate (nobody is signed out)";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.size() != 1) return usage(err, args.isEmpty() ? "which auth-keys action?" : "too many arguments");
        try {
            switch (args.getFirst()) {
                case "list" -> {
                    List<String> kids = keys.kids();
                    if (kids.isEmpty()) out.println("No signing key yet (the first sign-in creates one).");
                    for (int i = 0; i < kids.size(); i++) out.println(kids.get(i) + (i == 0 ? "  current" : ""));
                }
                case "rotate" -> {
                    String kid = keys.rotate();
                    out.println("New current signing key " + kid + "; tokens signed by older keys stay valid until they expire.");
                }
                default -> {
                    return usage(err, "unknown auth-keys action '" + args.getFirst() + "'");
                }
            }
            return 0;
        } catch (RuntimeException e) {
            err.println("vaultmail auth-keys " + args.getFirst() + ": " + CommandLineInterface.describe(e));
            return 1;
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println("vaultmail auth-keys: " + problem);
        err.println(USAGE);
        return 64;
    }
}
