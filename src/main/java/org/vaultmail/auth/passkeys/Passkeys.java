package org.vaultmail.auth.passkeys;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.web.webauthn.api.AuthenticatorAssertionResponse;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.PublicKeyCredential;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.auth.mfa.SecondFactorChanged;


/**
 * A user's passkeys as a second factor (ADR 0048): the list, registration (two steps: options, then the browser's
 * answer), removal, and the check of an assertion at the second step of sign-in. Every change and every use or
 * refusal is published ({@link PasskeyEvent}); adding and removing also tell the user by mail
 * ({@link SecondFactorChanged}, in the change's transaction). Callers demand sudo mode for changes (ADR 0026).
 */
public final class Passkeys {

    /** One passkey as the settings page shows it; {@code id} is the public credential id (base64url); never used: no {@code lastUsed}. */
    public record Passkey(String id, String name, @Nullable Instant created, @Nullable Instant lastUsed) {
    }

    /** A ceremony started: its id and the options JSON for {@code navigator.credentials}. */
    public record Ceremony(String id, String optionsJson) {
    }

    static final int MAX_NAME = 60;

    final RelyingParty rp;
    final PasskeyCeremonies ceremonies;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;

    Passkeys(RelyingParty rp, PasskeyCeremonies ceremonies, ApplicationEventPublisher events, TransactionTemplate tx, Clock clock) {
        this.rp = rp;
        this.ceremonies = ceremonies;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    /** The user's passkeys, oldest first. */
    public List<Passkey> list(String address) {
        return listed(rp, address);
    }

    /** The passkeys of the user entity named {@code name} (an address, or {@code operator:<username>}), oldest first. */
    static List<Passkey> listed(RelyingParty rp, String name) {
        PublicKeyCredentialUserEntity user = rp.userEntity(name);
        if (user == null) return List.of();
        return rp.credentials().findByUserId(user.getId()).stream()
                .map(c -> new Passkey(c.getCredentialId().toBase64UrlString(), c.getLabel(), c.getCreated(),
                        c.getLastUsed() == null || c.getLastUsed().equals(c.getCreated()) ? null : c.getLastUsed()))
                .sorted(Comparator.comparing(Passkey::created, Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
    }

    /** Whether the user has at least one passkey (then sign-in asks for a second factor). */
    public boolean registered(String address) {
        return !list(address).isEmpty();
    }

    /** Starts adding a passkey in this session. */
    public Ceremony startRegistration(AuthenticatedSession me) {
        var options = rp.creationOptions(me.address());
        String id = ceremonies.start(PasskeyCeremonies.Purpose.REGISTER, owner(me), me.address(), options.getChallenge().getBytes());
        return new Ceremony(id, rp.toJson(options));
    }

    /** Verifies the browser's answer to {@link #startRegistration} and stores the passkey under {@code name}. */
    public Passkey finishRegistration(AuthenticatedSession me, String ceremonyId, String name, String credentialJson,
                                      @Nullable String clientAddress) {
        String label = name.strip();
        if (label.isEmpty() || label.length() > MAX_NAME) throw new PasskeyException(PasskeyException.Problem.NAME);
        byte[] challenge = ceremonies.take(ceremonyId, PasskeyCeremonies.Purpose.REGISTER, owner(me), me.address())
                .orElseThrow(() -> refused(me.userId(), me.address(), PasskeyException.Problem.EXPIRED, null, clientAddress));
        CredentialRecord record;
        try {
            record = tx.execute(s -> {
                CredentialRecord r = rp.register(me.address(), challenge, credentialJson, label);
                changed(me.userId(), me.address(), SecondFactorChanged.Change.PASSKEY_ADDED);
                return r;
            });
        } catch (RuntimeException e) {
            throw refused(me.userId(), me.address(), PasskeyException.problemOf(e), null, clientAddress);
        }
        String id = record.getCredentialId().toBase64UrlString();
        events.publishEvent(new PasskeyEvent(me.userId(), me.address(), PasskeyEvent.Action.REGISTER, label, shortId(id), null,
                clientAddress));
        return new Passkey(id, label, record.getCreated(), null);
    }

    /** Removes one of the user's own passkeys; false when it is not theirs (or already gone). */
    public boolean remove(AuthenticatedSession me, String credentialId, @Nullable String clientAddress) {
        Optional<Passkey> mine = list(me.address()).stream().filter(p -> p.id().equals(credentialId)).findFirst();
        if (mine.isEmpty()) return false;
        tx.executeWithoutResult(s -> {
            rp.credentials().delete(Bytes.fromBase64(credentialId));
            changed(me.userId(), me.address(), SecondFactorChanged.Change.PASSKEY_REMOVED);
        });
        events.publishEvent(new PasskeyEvent(me.userId(), me.address(), PasskeyEvent.Action.REMOVE, mine.get().name(),
                shortId(credentialId), null, clientAddress));
        return true;
    }

    /** Starts the second step of a sign-in for {@code address}; {@code owner} names the pending sign-in. */
    public Ceremony startSignIn(String owner, String address) {
        var options = rp.requestOptions(address);
        String id = ceremonies.start(PasskeyCeremonies.Purpose.SIGN_IN, owner, address, options.getChallenge().getBytes());
        return new Ceremony(id, rp.toJson(options));
    }

    /**
     * Checks an assertion for the pending sign-in {@code owner} of {@code address}: the ceremony must be that sign-in's,
     * the passkey this account's, the signature, origin, rp id and challenge right, the user verified, and the signature
     * counter ahead of the stored one. Throws {@link PasskeyException} (published and audited) otherwise.
     */
    public void verifySignIn(String owner, long userId, String address, String ceremonyId, String assertionJson,
                             @Nullable String clientAddress) {
        verify(PasskeyCeremonies.Purpose.SIGN_IN, owner, address, userId, address, ceremonyId, assertionJson, clientAddress);
    }

    /** Starts a proof of identity inside this session (sudo mode, ADR 0026): an assertion ceremony bound to it. */
    public Ceremony startReauthentication(AuthenticatedSession me) {
        var options = rp.requestOptions(me.address());
        String id = ceremonies.start(PasskeyCeremonies.Purpose.REAUTHENTICATE, owner(me), me.address(), options.getChallenge().getBytes());
        return new Ceremony(id, rp.toJson(options));
    }

    /** Checks an assertion for a ceremony of {@link #startReauthentication} by this session, as at sign-in. */
    public void verifyReauthentication(AuthenticatedSession me, String ceremonyId, String assertionJson, @Nullable String clientAddress) {
        verify(PasskeyCeremonies.Purpose.REAUTHENTICATE, owner(me), me.address(), me.userId(), me.address(), ceremonyId, assertionJson,
                clientAddress);
    }

    /**
     * The check every assertion goes through: the ceremony ({@code purpose}, {@code owner}, {@code ceremonyAddress}: ""
     * for a discoverable sign-in, which starts before anyone is known), the passkey {@code address}'s, Spring/webauthn4j
     * including user verification, then the signature counter. Audited; throws {@link PasskeyException} when refused.
     */
    void verify(PasskeyCeremonies.Purpose purpose, String owner, String ceremonyAddress, long userId, String address,
                String ceremonyId, String assertionJson, @Nullable String clientAddress) {
        byte[] challenge = ceremonies.take(ceremonyId, purpose, owner, ceremonyAddress)
                .orElseThrow(() -> refused(userId, address, PasskeyException.Problem.EXPIRED, null, clientAddress));
        PublicKeyCredential<AuthenticatorAssertionResponse> assertion;
        try {
            assertion = rp.parseAssertion(assertionJson);
        } catch (RuntimeException e) {
            throw refused(userId, address, PasskeyException.Problem.INVALID, null, clientAddress);
        }
        String id = assertion.getRawId().toBase64UrlString();
        CredentialRecord record = rp.credentials().findByCredentialId(assertion.getRawId());
        PublicKeyCredentialUserEntity user = rp.userEntity(address);
        // another account's passkey, or one this server never registered (a second authenticator): refused unchecked
        if (record == null || user == null || !record.getUserEntityUserId().equals(user.getId())) {
            throw refused(userId, address, PasskeyException.Problem.UNKNOWN_CREDENTIAL, id, clientAddress);
        }
        long stored = record.getSignatureCount();
        long presented;
        try {
            presented = SignatureCounter.of(assertion.getResponse().getAuthenticatorData().getBytes());
            // one transaction: Spring saves the new counter and last use on success; a regression found after its
            // verification rolls that back, so the stored counter stays ahead of the clone's
            tx.executeWithoutResult(s -> {
                rp.authenticate(challenge, assertion);
                if (SignatureCounter.regressed(presented, stored)) throw new PasskeyException(PasskeyException.Problem.COUNTER_REGRESSION);
            });
        } catch (RuntimeException e) {
            PasskeyException.Problem problem = PasskeyException.problemOf(e);
            if (problem == PasskeyException.Problem.COUNTER_REGRESSION) {
                events.publishEvent(new PasskeyEvent(userId, address, PasskeyEvent.Action.COUNTER_REGRESSION, record.getLabel(),
                        shortId(id), "stored " + stored + ", presented " + counterOf(assertion), clientAddress));
                throw new PasskeyException(problem);
            }
            throw refused(userId, address, problem, id, clientAddress);
        }
        events.publishEvent(new PasskeyEvent(userId, address, PasskeyEvent.Action.USE, record.getLabel(), shortId(id), null,
                clientAddress));
    }

    private static String counterOf(PublicKeyCredential<AuthenticatorAssertionResponse> assertion) {
        try {
            return Long.toString(SignatureCounter.of(assertion.getResponse().getAuthenticatorData().getBytes()));
        } catch (RuntimeException e) {
            return "unreadable";
        }
    }

    PasskeyException refused(long userId, String address, PasskeyException.Problem problem, @Nullable String credentialId,
                                     @Nullable String clientAddress) {
        events.publishEvent(new PasskeyEvent(userId, address, PasskeyEvent.Action.REFUSE, null,
                credentialId == null ? null : shortId(credentialId), problem.name().toLowerCase(java.util.Locale.ROOT), clientAddress));
        return new PasskeyException(problem);
    }

    void changed(long userId, String address, SecondFactorChanged.Change change) {
        events.publishEvent(new SecondFactorChanged(UUID.randomUUID(), userId, address, change, clock.instant()));
    }

    static String owner(AuthenticatedSession me) {
        return "session:" + me.sessionId();
    }

    /** Enough of a public credential id to tell passkeys apart in the audit log. */
    static String shortId(String credentialId) {
        return credentialId.length() <= 12 ? credentialId : credentialId.substring(0, 12);
    }
}
