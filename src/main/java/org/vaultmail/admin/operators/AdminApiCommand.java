package org.vaultmail.admin.operators;

import java.io.PrintStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;
import org.vaultmail.gateway.console.GatewayOperatorActions;
import org.vaultmail.gateway.console.GatewayOverview;
import org.vaultmail.gateway.policy.StoredGatewayPolicies;

/**
 * {@code ./vaultmail admin api show | disable-user ADDRESS | enable-user ADDRESS} (ADR 0040): the sending gateway's
 * policy and per-user summary as text (key prefixes only), and switching a user's API access off and on. The switches
 * are audited like the console's, with {@code cli} as the operator (the shell user is not known here).
 */
@Component
class AdminApiCommand {

    static final String USAGE = "       ./vaultmail admin api show          (sending API policy and per-user summary; change it at /admin/api)\n"
            + "       ./vaultmail admin api disable-user ADDRESS | enable-user ADDRESS";
    private static final String ACTOR = "cli";
    private static final int PAGE = 500;
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final StoredGatewayPolicies policies;
    private final GatewayOverview overview;
    private final GatewayOperatorActions actions;

    AdminApiCommand(StoredGatewayPolicies policies, GatewayOverview overview, GatewayOperatorActions actions) {
        this.policies = policies;
        this.overview = overview;
        this.actions = actions;
    }

    /** Null when the words are not an api action (the caller prints the usage). */
    Integer run(List<String> args, PrintStream out, PrintStream err) {
        if (args.size() == 1 && args.getFirst().equals("show")) return show(out);
        if (args.size() == 2 && args.getFirst().equals("disable-user")) return access(args.get(1), true, out, err);
        if (args.size() == 2 && args.getFirst().equals("enable-user")) return access(args.get(1), false, out, err);
        return null;
    }

    private int show(PrintStream out) {
        StoredGatewayPolicies.View view = policies.view();
        out.println(view.updatedAt() == null ? "Sending API policy version " + view.version() + ": configured defaults only."
                : "Sending API policy version " + view.version() + ", last saved by " + view.updatedBy() + " at "
                  + AT.format(view.updatedAt()) + " UTC.");
        out.printf("%-28s %-24s %s%n", "setting", "in force", "source");
        for (StoredGatewayPolicies.Entry e : view.entries()) {
            String source = e.stored() == null ? "configured default"
                    : "stored by " + e.storedBy() + " at " + AT.format(Objects.requireNonNull(e.storedAt()))
                      + " (configured default: " + e.configured() + ")";
            out.printf("%-28s %-24s %s%n", e.field().key(), e.effective(), source);
        }
        out.println();
        for (int page = 0; ; page++) {
            GatewayOverview.Page p = overview.page("", page, PAGE);
            if (page == 0) {
                GatewayOverview.Totals t = p.totals();
                out.printf("Users: %d; API keys: %d active, %d revoked; mailboxes: %s; messages (last %d days): %d; "
                                + "failed or uncertain: %d; held: %d; API access off: %d%n", t.users(), t.activeKeys(), t.revokedKeys(),
                        t.mailboxesByState().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")),
                        GatewayOverview.DAYS, t.messages(), t.failures(), t.holds(), t.accessDisabled());
                out.printf("%-40s %-6s %-7s %-9s %-22s %-7s %-5s %s%n", "address", "access", "keys", "mailboxes",
                        "per day (oldest first)", "failed", "held", "key prefixes");
            }
            for (GatewayOverview.User u : p.users()) {
                out.printf("%-40s %-6s %-7s %-9s %-22s %-7s %-5s %s%n", u.address(), u.accessDisabled() ? "off" : "on",
                        u.activeKeys() + "/" + u.keys().size(), u.mailboxes().size(),
                        u.perDay().stream().map(String::valueOf).collect(Collectors.joining(" ")), u.failures(), u.held(),
                        u.keys().stream().map(k -> k.prefix() + (k.active() ? "" : "(" + k.state() + ")")).collect(Collectors.joining(" ")));
            }
            if (page + 1 >= p.pages()) break;
        }
        return 0;
    }

    private int access(String address, boolean disable, PrintStream out, PrintStream err) {
        Optional<Long> user = actions.userIdOf(address);
        if (user.isEmpty()) {
            err.println("vaultmail admin api: no user with address '" + address.strip() + "'");
            return 1;
        }
        GatewayOperatorActions.Outcome outcome = disable ? actions.disableApiAccess(user.get(), ACTOR, null)
                : actions.enableApiAccess(user.get(), ACTOR, null);
        out.println(switch (outcome) {
            case DONE -> "API access of " + address.strip() + " switched " + (disable ? "off: its keys are refused at once." : "on again.");
            case UNCHANGED -> "API access of " + address.strip() + " was already " + (disable ? "off." : "on.");
            case NOT_FOUND -> "No user with address " + address.strip() + ".";
        });
        return outcome == GatewayOperatorActions.Outcome.NOT_FOUND ? 1 : 0;
    }
}
