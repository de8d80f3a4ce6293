package org.vaultmail.admin;

import java.io.PrintStream;
import java.util.List;

import org.springframework.stereotype.Component;
import org.vaultmail.auth.passkeys.PasskeySignInPolicy;

/**
 * {@code ./vaultmail passkeys policy [DOMAIN allow|forbid|default]}: the per-domain choice about sign-in with a passkey
 * alone (ADR 0051). Without arguments after {@code policy}: the stored choices and the default. Recorded in the audit
 * log as the system actor "cli". Exit 0 ok, 1 failed, 64 usage.
 */
@Component
class PasskeysCommand implements CliCommand {

    static final String USAGE = """
            usage: ./vaultmail passkeys policy
                   ./vaultmail passkeys policy DOMAIN allow|forbid|default""";

    private final PasskeySignInPolicy policy;

    PasskeysCommand(PasskeySignInPolicy policy) {
        this.policy = policy;
    }

    @Override
    public String name() {
        return "passkeys";
    }

    @Override
    public String summary() {
        return "sign-in with a passkey alone per mail domain: policy [DOMAIN allow|forbid|default]";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || !args.getFirst().equals("policy")) return usage(err, args.isEmpty() ? "which passkeys action?" : "unknown passkeys action '" + args.getFirst() + "'");
        try {
            if (args.size() == 1) {
                out.println("Default for domains not listed: " + (PasskeySignInPolicy.DEFAULT_ALLOWED ? "allow" : "forbid"));
                for (PasskeySignInPolicy.Rule r : policy.rules()) {
                    out.println(r.domain() + "  " + (r.allowed() ? "allow" : "forbid") + "  (" + r.changedBy() + ", " + r.changedAt() + ")");
                }
                return 0;
            }
            if (args.size() != 3) return usage(err, "give a domain and allow, forbid or default");
            Boolean allowed = switch (args.get(2)) {
                case "allow" -> Boolean.TRUE;
                case "forbid" -> Boolean.FALSE;
                case "default" -> null;
                default -> throw new IllegalArgumentException("say allow, forbid or default, not '" + args.get(2) + "'");
            };
            String domain = PasskeySignInPolicy.normalize(args.get(1));
            policy.set(domain, allowed, "cli", null);
            out.println("Sign-in with a passkey alone for " + domain + ": " + (allowed == null
                    ? "the default (" + (PasskeySignInPolicy.DEFAULT_ALLOWED ? "allowed" : "forbidden") + ")"
                    : allowed ? "allowed" : "forbidden") + ".");
            return 0;
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        } catch (RuntimeException e) {
            err.println("vaultmail passkeys policy: " + CommandLineInterface.describe(e));
            return 1;
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println("vaultmail passkeys: " + problem);
        err.println(USAGE);
        return 64;
    }
}
