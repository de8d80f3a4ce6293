package org.vaultmail.auth.passkeys;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;
import org.springframework.security.web.webauthn.api.AuthenticatorAssertionResponse;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.PublicKeyCredential;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Operators' passkeys for the console (ADR 0054): the same relying party, tables and ceremonies as users' passkeys,
 * with the user entity named {@code operator:<username>}. An operator name has no {@code @} and a user's name is a
 * mail address, so the namespaces cannot meet; every check goes through the entity's name, so a user's passkey never
 * passes here and an operator's never passes a user's sign-in. Nothing is published: the console audits
 * ({@code operator.passkey.*}) from what this returns or throws ({@link OperatorPasskeyRefused}).
 */
@NamedInterface("passkeys")
public final class OperatorPasskeys {

    /** One passkey as the console lists it; {@code lastUsed} null: never used. */
    public record Passkey(String id, String name, @Nullable Instant created, @Nullable Instant lastUsed) {
    }

    /** A ceremony started: its id and the options JSON for {@code navigator.credentials}. */
    public record Ceremony(String id, String optionsJson) {
    }

    /** A verified assertion: the passkey's name and the first characters of its public id (for the audit log). */
    public record Used(String name, String credential) {
    }

    private static final String PREFIX = "operator:";
    private static final Pattern OWNER = Pattern.compile("operator-(session|pending):[A-Za-z0-9_-]{1,128}");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private final RelyingParty rp;
    private final PasskeyCeremonies ceremonies;
    private final TransactionTemplate tx;

    OperatorPasskeys(RelyingParty rp, PasskeyCeremonies ceremonies, TransactionTemplate tx) {
        this.rp = rp;
        this.ceremonies = ceremonies;
        this.tx = tx;
    }

    /** The owner of a ceremony started inside the console session {@code httpSessionId}. */
    public static String sessionOwner(String httpSessionId) {
        return "operator-session:" + httpSessionId;
    }

    /** The owner of the passkey step of the pending console sign-in {@code pendingId}. */
    public static String pendingOwner(String pendingId) {
        return "operator-pending:" + pendingId;
    }

    /** The operator's passkeys, oldest first. */
    public List<Passkey> list(String username) {
        return Passkeys.listed(rp, entity(username)).stream()
                .map(p -> new Passkey(p.id(), p.name(), p.created(), p.lastUsed())).toList();
    }

    public boolean registered(String username) {
        return !list(username).isEmpty();
    }

    /** Starts adding a passkey for {@code username} in the console session named by {@code owner}. */
    public Ceremony startRegistration(String username, String owner) {
        var options = rp.creationOptions(entity(username));
        return new Ceremony(ceremonies.start(PasskeyCeremonies.Purpose.REGISTER, owner(owner), entity(username),
                options.getChallenge().getBytes()), rp.toJson(options));
    }

    /** Verifies the browser's answer to {@link #startRegistration} and stores the passkey under {@code name}. */
    public Passkey finishRegistration(String username, String owner, String ceremonyId, String name, String credentialJson) {
        String label = name.strip();
        if (label.isEmpty() || label.length() > Passkeys.MAX_NAME) throw new OperatorPasskeyRefused(PasskeyException.Problem.NAME, null, null, null);
        byte[] challenge = ceremonies.take(ceremonyId, PasskeyCeremonies.Purpose.REGISTER, owner(owner), entity(username))
                .orElseThrow(() -> new OperatorPasskeyRefused(PasskeyException.Problem.EXPIRED, null, label, null));
        CredentialRecord record;
        try {
            record = tx.execute(s -> rp.register(entity(username), challenge, credentialJson, label));
        } catch (RuntimeException e) {
            throw new OperatorPasskeyRefused(PasskeyException.problemOf(e), null, label, null);
        }
        return new Passkey(record.getCredentialId().toBase64UrlString(), label, record.getCreated(), null);
    }

    /** Removes one of the operator's own passkeys; empty when it is not theirs (or already gone). */
    public Optional<Passkey> remove(String username, String credentialId) {
        Optional<Passkey> mine = list(username).stream().filter(p -> p.id().equals(credentialId)).findFirst();
        mine.ifPresent(p -> rp.credentials().delete(Bytes.fromBase64(p.id())));
        return mine;
    }

    /** Removes all of the operator's passkeys (the operator is deleted: a new one of that name must not inherit them). */
    public List<Passkey> removeAll(String username) {
        List<Passkey> all = list(username);
        all.forEach(p -> rp.credentials().delete(Bytes.fromBase64(p.id())));
        return all;
    }

    /**
     * Starts the passkey step of a console sign-in: the options name no account and allow any passkey of this site
     * (discoverable), so the page is the same whether or not the password was right; the ceremony is bound to the
     * pending sign-in and to the name typed.
     */
    public Ceremony startSignIn(String owner, String username) {
        var options = rp.anyPasskeyRequestOptions();
        return new Ceremony(ceremonies.start(PasskeyCeremonies.Purpose.SIGN_IN, owner(owner), ceremonyAddress(username),
                options.getChallenge().getBytes()), rp.toJson(options));
    }

    /** Checks the sign-in step's assertion: ceremony, the operator's own passkey, signature, user verification, counter. */
    public Used verifySignIn(String owner, String username, String ceremonyId, String assertionJson) {
        return verify(PasskeyCeremonies.Purpose.SIGN_IN, owner, username, ceremonyId, assertionJson);
    }

    /** Starts a proof of identity in the console session (before adding or removing a passkey): only the operator's passkeys. */
    public Ceremony startProof(String username, String owner) {
        var options = rp.requestOptions(entity(username));
        return new Ceremony(ceremonies.start(PasskeyCeremonies.Purpose.REAUTHENTICATE, owner(owner), entity(username),
                options.getChallenge().getBytes()), rp.toJson(options));
    }

    /** Checks a proof of {@link #startProof}, as at sign-in. */
    public Used verifyProof(String owner, String username, String ceremonyId, String assertionJson) {
        return verify(PasskeyCeremonies.Purpose.REAUTHENTICATE, owner, username, ceremonyId, assertionJson);
    }

    private Used verify(PasskeyCeremonies.Purpose purpose, String owner, String username, String ceremonyId, String assertionJson) {
        byte[] challenge = ceremonies.take(ceremonyId, purpose, owner(owner), ceremonyAddress(username))
                .orElseThrow(() -> new OperatorPasskeyRefused(PasskeyException.Problem.EXPIRED, null, null, null));
        PublicKeyCredential<AuthenticatorAssertionResponse> assertion;
        try {
            assertion = rp.parseAssertion(assertionJson);
        } catch (RuntimeException e) {
            throw new OperatorPasskeyRefused(PasskeyException.Problem.INVALID, null, null, null);
        }
        String id = assertion.getRawId().toBase64UrlString();
        CredentialRecord record = rp.credentials().findByCredentialId(assertion.getRawId());
        PublicKeyCredentialUserEntity operator = valid(username) ? rp.userEntity(entity(username)) : null;
        // a user's passkey, another operator's, or one this server never registered: refused before any crypto
        if (record == null || operator == null || !record.getUserEntityUserId().equals(operator.getId())) {
            throw new OperatorPasskeyRefused(PasskeyException.Problem.UNKNOWN_CREDENTIAL, OperatorAssertions.shortId(id), null, null);
        }
        OperatorAssertions.check(tx, rp, challenge, assertion, record);
        return new Used(record.getLabel(), OperatorAssertions.shortId(id));
    }

    private static String owner(String owner) {
        if (!OWNER.matcher(owner).matches()) throw new IllegalArgumentException("not an operator ceremony owner");
        return owner;
    }

    /** The ceremony's account binding: the entity name, or a marker for a name no operator can have. */
    private static String ceremonyAddress(String username) {
        return valid(username) ? entity(username) : PREFIX + "(not a username)";
    }

    private static boolean valid(String username) {
        return NAME.matcher(username).matches();
    }

    static String entity(String username) {
        if (!valid(username)) throw new IllegalArgumentException("not an operator name");
        return PREFIX + username;
    }
}
