package org.vaultmail.admin.operators;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.vaultmail.admin.CliCommand;
import org.vaultmail.audit.ActorType;
import org.vaultmail.audit.AdminActionPerformed;
import org.vaultmail.auth.policy.AuthPolicies;
import org.vaultmail.vault.Secret;

/**
 * {@code ./vaultmail admin create USERNAME | list | delete USERNAME}: operator accounts; {@code admin policy show}:
 * the sign-in and session policy in force (ADR 0022; changed in the console). The password
 * comes from a prompt or stdin, never from the command line (argv shows in {@code ps} and shell history).
 */
@Component
class AdminCommand implements CliCommand {

    static final String USAGE = """
            usage: ./vaultmail admin create USERNAME    (password from the prompt, or the first line of stdin)
                   ./vaultmail admin list
                   ./vaultmail admin delete USERNAME
                   ./vaultmail admin policy show       (sign-in and session policy; change it at /admin/policy)
            """ + AdminApiCommand.USAGE + "\n" + AdminPasskeyCommand.USAGE;
    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final Operators operators;
    private final ApplicationEventPublisher events;
    private final AuthPolicies policies;
    private final AdminApiCommand api;
    private final AdminPasskeyCommand passkeys;
    private final OperatorPasskeyChanges passkeyChanges;

    AdminCommand(Operators operators, ApplicationEventPublisher events, AuthPolicies policies, AdminApiCommand api,
                 AdminPasskeyCommand passkeys, OperatorPasskeyChanges passkeyChanges) {
        this.operators = operators;
        this.events = events;
        this.policies = policies;
        this.api = api;
        this.passkeys = passkeys;
        this.passkeyChanges = passkeyChanges;
    }

    /** Whoever runs the command line is recorded as the system actor "cli" (the shell user is not known here). */
    private void audit(String action, String username, String outcome) {
        events.publishEvent(new AdminActionPerformed(ActorType.SYSTEM, "cli", action, "operator:" + username, outcome));
    }

    @Override
    public String name() {
        return "admin";
    }

    @Override
    public String summary() {
        return "operator accounts: create USERNAME (password from stdin or prompt), list, delete USERNAME; policy show; "
                + "api show, disable-user ADDRESS, enable-user ADDRESS; passkeys list USERNAME, remove USERNAME ID";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        return run(args, System.console(), System.in, out, err);
    }

    int run(List<String> args, @Nullable Console console, InputStream in, PrintStream out, PrintStream err) {
        if (args.isEmpty()) return usage(err, "which admin action?");
        try {
            return switch (args.getFirst()) {
                case "create" -> args.size() == 2 ? create(args.get(1), console, in, out, err) : usage(err, "create needs one USERNAME");
                case "list" -> args.size() == 1 ? list(out) : usage(err, "list takes no arguments");
                case "delete" -> args.size() == 2 ? delete(args.get(1), out, err) : usage(err, "delete needs one USERNAME");
                case "policy" -> args.size() == 2 && args.get(1).equals("show") ? policy(out) : usage(err, "policy takes: show");
                case "api" -> Objects.requireNonNullElseGet(api.run(args.subList(1, args.size()), out, err),
                        () -> usage(err, "api takes: show, disable-user ADDRESS, enable-user ADDRESS"));
                case "passkeys" -> Objects.requireNonNullElseGet(passkeys.run(args.subList(1, args.size()), out, err),
                        () -> usage(err, "passkeys takes: list USERNAME, remove USERNAME ID"));
                default -> usage(err, "unknown admin action '" + args.getFirst() + "'");
            };
        } catch (IllegalArgumentException e) {
            err.println("vaultmail admin " + args.getFirst() + ": " + e.getMessage());
            return 1;
        }
    }

    private int create(String username, @Nullable Console console, InputStream in, PrintStream out, PrintStream err) {
        String name = Operators.normalize(username);
        char[] password = readPassword(console, in, err);
        if (password == null) return 1;
        Operators.Created created;
        try (Secret secret = Secret.ofChars(password)) {
            created = operators.create(name, secret);
            audit("operator.create", name, "success");
        } finally {
            Arrays.fill(password, '\0');
        }
        out.println("Operator '" + created.username() + "' created. TOTP is mandatory: add it to an authenticator app now;");
        out.println("this is the only time the secret is shown.");
        out.println("  otpauth URI: " + created.uri());
        out.println("  secret:      " + created.secretBase32());
        return 0;
    }

    /** Read-only: what is in force, and whether each value is stored (by whom, when) or the configured default. */
    private int policy(PrintStream out) {
        AuthPolicies.View view = policies.view();
        out.println(view.updatedAt() == null ? "Policy version " + view.version() + ": configured defaults only."
                : "Policy version " + view.version() + ", last saved by " + view.updatedBy() + " at "
                  + CREATED.format(view.updatedAt()) + " UTC.");
        out.printf("%-22s %-12s %s%n", "setting", "in force", "source");
        for (AuthPolicies.Entry e : view.entries()) {
            String source = e.stored() == null ? "configured default"
                    : "stored by " + e.storedBy() + " at " + CREATED.format(Objects.requireNonNull(e.storedAt()))
                      + " (configured default: " + e.configured() + ")";
            out.printf("%-22s %-12s %s%n", e.field().key(), e.effective(), source);
        }
        return 0;
    }

    private int list(PrintStream out) {
        List<Operators.Listed> all = operators.list();
        if (all.isEmpty()) out.println("No operators.");
        for (Operators.Listed o : all) out.printf("%-32s created %s%n", o.username(), CREATED.format(o.createdAt()));
        return 0;
    }

    private int delete(String username, PrintStream out, PrintStream err) {
        if (!operators.delete(username)) {
            audit("operator.delete", Operators.normalize(username), "not_found");
            err.println("vaultmail admin delete: no operator named '" + Operators.normalize(username) + "'");
            return 1;
        }
        // a later operator of the same name must not inherit the deleted one's passkeys
        passkeyChanges.removeAllByCli(Operators.normalize(username));
        audit("operator.delete", Operators.normalize(username), "success");
        out.println("Operator '" + Operators.normalize(username) + "' deleted.");
        return 0;
    }

    /** From the console (asked twice), else the first line of stdin; null (with a message) when unusable. */
    private static char @Nullable [] readPassword(@Nullable Console console, InputStream in, PrintStream err) {
        char[] password;
        if (console != null) {
            password = console.readPassword("Password (at least %d characters): ", Operators.MIN_PASSWORD_LENGTH);
            char[] again = console.readPassword("Password again: ");
            boolean same = password != null && again != null && Arrays.equals(password, again);
            if (again != null) Arrays.fill(again, '\0');
            if (!same) {
                if (password != null) Arrays.fill(password, '\0');
                err.println("vaultmail admin create: the passwords differ");
                return null;
            }
        } else {
            password = firstLine(in);
        }
        if (password == null || password.length < Operators.MIN_PASSWORD_LENGTH) {
            if (password != null) Arrays.fill(password, '\0');
            err.println("vaultmail admin create: the password must have at least " + Operators.MIN_PASSWORD_LENGTH
                    + " characters (give it on stdin or at the prompt)");
            return null;
        }
        return password;
    }

    private static char @Nullable [] firstLine(InputStream in) {
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line = reader.readLine();
            return line == null ? null : line.toCharArray();
        } catch (IOException e) {
            return null;
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println("vaultmail admin: " + problem);
        err.println(USAGE);
        return 64;
    }
}
