package org.vaultmail.admin.operators;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.vaultmail.audit.ActorType;
import org.vaultmail.auth.passkeys.OperatorPasskeyRefused;
import org.vaultmail.auth.passkeys.OperatorPasskeys;

/**
 * Adding and removing operators' passkeys, audited ({@code operator.passkey.register}, {@code .remove}, refusals as
 * {@code .verify}). Callers demand a fresh proof first ({@link OperatorProofs}); the command line removes without
 * one (whoever runs it already holds the server: the way back in after a lost authenticator).
 */
public final class OperatorPasskeyChanges {

    private final OperatorPasskeys passkeys;
    private final ApplicationEventPublisher events;

    OperatorPasskeyChanges(OperatorPasskeys passkeys, ApplicationEventPublisher events) {
        this.passkeys = passkeys;
        this.events = events;
    }

    public List<OperatorPasskeys.Passkey> list(String operator) {
        return passkeys.list(operator);
    }

    public boolean registered(String operator) {
        return passkeys.registered(operator);
    }

    /** Starts adding a passkey in the console session {@code httpSessionId}. */
    public OperatorPasskeys.Ceremony start(String operator, String httpSessionId) {
        return passkeys.startRegistration(operator, OperatorPasskeys.sessionOwner(httpSessionId));
    }

    /** Stores the new passkey, or throws (audited) what was wrong. */
    public OperatorPasskeys.Passkey finish(String operator, String httpSessionId, String ceremonyId, String name, String credentialJson,
                                           @Nullable String client, @Nullable String userAgent) {
        try {
            OperatorPasskeys.Passkey added = passkeys.finishRegistration(operator, OperatorPasskeys.sessionOwner(httpSessionId), ceremonyId,
                    name, credentialJson);
            OperatorPasskeyAudit.changed(events, ActorType.OPERATOR, operator, "operator.passkey.register", operator, added.id(),
                    added.name(), client, userAgent);
            return added;
        } catch (OperatorPasskeyRefused e) {
            OperatorPasskeyAudit.refused(events, operator, e.reason(), e, e.credential(), "register", client, userAgent);
            throw e;
        }
    }

    /** Removes one of the operator's passkeys by the operator; empty when it is not theirs. */
    public Optional<OperatorPasskeys.Passkey> remove(String operator, String credentialId, @Nullable String client, @Nullable String userAgent) {
        Optional<OperatorPasskeys.Passkey> removed = passkeys.remove(operator, credentialId);
        removed.ifPresent(p -> OperatorPasskeyAudit.changed(events, ActorType.OPERATOR, operator, "operator.passkey.remove", operator,
                p.id(), p.name(), client, userAgent));
        return removed;
    }

    /** Removes one passkey of {@code operator} from the command line (a lost authenticator). */
    Optional<OperatorPasskeys.Passkey> removeByCli(String operator, String credentialId) {
        Optional<OperatorPasskeys.Passkey> removed = passkeys.remove(operator, credentialId);
        removed.ifPresent(p -> OperatorPasskeyAudit.changed(events, ActorType.SYSTEM, "cli", "operator.passkey.remove", operator,
                p.id(), p.name(), null, null));
        return removed;
    }

    /** Removes all passkeys of a deleted operator (a new operator of that name must not inherit them). */
    void removeAllByCli(String operator) {
        for (OperatorPasskeys.Passkey p : passkeys.removeAll(operator)) {
            OperatorPasskeyAudit.changed(events, ActorType.SYSTEM, "cli", "operator.passkey.remove", operator, p.id(), p.name(), null, null);
        }
    }
}
