package org.vaultmail.admin.operators;

import java.io.PrintStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.vaultmail.auth.passkeys.OperatorPasskeys;

/**
 * {@code ./vaultmail admin passkeys list|remove}: an operator's console passkeys from the command line (ADR 0054), the
 * way back in after a lost authenticator (with {@code vaultmail.admin.require-passkeys} on, the operator then adds a
 * new one at the next sign-in). Removal is audited with {@code cli} as the actor.
 */
@Component
class AdminPasskeyCommand {

    static final String USAGE = "       ./vaultmail admin passkeys list USERNAME | remove USERNAME ID   (an operator's console passkeys)\n";
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final OperatorPasskeyChanges changes;
    private final Operators operators;

    AdminPasskeyCommand(OperatorPasskeyChanges changes, Operators operators) {
        this.changes = changes;
        this.operators = operators;
    }

    /** Null when the words are not a passkeys action (the caller prints the usage). */
    @Nullable Integer run(List<String> args, PrintStream out, PrintStream err) {
        if (args.size() == 2 && args.getFirst().equals("list")) return list(Operators.normalize(args.get(1)), out, err);
        if (args.size() == 3 && args.getFirst().equals("remove")) return remove(Operators.normalize(args.get(1)), args.get(2), out, err);
        return null;
    }

    private int list(String operator, PrintStream out, PrintStream err) {
        if (operators.find(operator).isEmpty()) return noSuchOperator(operator, err);
        List<OperatorPasskeys.Passkey> all = changes.list(operator);
        if (all.isEmpty()) out.println("Operator '" + operator + "' has no passkeys.");
        for (OperatorPasskeys.Passkey p : all) {
            out.printf("%-44s %-24s added %s, last used %s%n", p.id(), p.name(), p.created() == null ? "?" : AT.format(p.created()),
                    p.lastUsed() == null ? "never" : AT.format(p.lastUsed()));
        }
        return 0;
    }

    private int remove(String operator, String id, PrintStream out, PrintStream err) {
        if (operators.find(operator).isEmpty()) return noSuchOperator(operator, err);
        var removed = changes.removeByCli(operator, id.strip());
        if (removed.isEmpty()) {
            err.println("vaultmail admin passkeys: operator '" + operator + "' has no passkey with id '" + id.strip()
                    + "' (see: ./vaultmail admin passkeys list " + operator + ")");
            return 1;
        }
        out.println("Passkey '" + removed.get().name() + "' of operator '" + operator + "' removed.");
        return 0;
    }

    private static int noSuchOperator(String operator, PrintStream err) {
        err.println("vaultmail admin passkeys: no operator named '" + operator + "'");
        return 1;
    }
}
