package org.vaultmail.auth.passkeys;

import org.springframework.security.web.webauthn.api.AuthenticatorAssertionResponse;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.PublicKeyCredential;
import org.springframework.transaction.support.TransactionTemplate;

import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import com.webauthn4j.verifier.exception.UserNotVerifiedException;

/**
 * The cryptographic part of an operator's assertion, as for users ({@link Passkeys}): Spring/webauthn4j (challenge,
 * origin, rp id, signature, user presence and verification), then {@link SignatureCounter} in the same transaction,
 * so a regression rolls back Spring's update and the stored counter stays ahead of a clone's.
 */
final class OperatorAssertions {

    private OperatorAssertions() {
    }

    static void check(TransactionTemplate tx, RelyingParty rp, byte[] challenge,
                      PublicKeyCredential<AuthenticatorAssertionResponse> assertion, CredentialRecord record) {
        String id = shortId(assertion.getRawId().toBase64UrlString());
        long stored = record.getSignatureCount();
        try {
            long presented = SignatureCounter.of(assertion.getResponse().getAuthenticatorData().getBytes());
            tx.executeWithoutResult(s -> {
                rp.authenticate(challenge, assertion);
                if (SignatureCounter.regressed(presented, stored)) {
                    throw new OperatorPasskeyRefused(PasskeyException.Problem.COUNTER_REGRESSION, id, record.getLabel(),
                            "stored " + stored + ", presented " + presented);
                }
            });
        } catch (OperatorPasskeyRefused e) {
            throw e;
        } catch (RuntimeException e) {
            PasskeyException.Problem problem = problem(e);
            String detail = problem == PasskeyException.Problem.COUNTER_REGRESSION ? "stored " + stored : null;
            throw new OperatorPasskeyRefused(problem, id, record.getLabel(), detail);
        }
    }

    /** What a failure means; webauthn4j's own message is never shown or logged. */
    static PasskeyException.Problem problem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OperatorPasskeyRefused r) return r.problem();
            if (t instanceof PasskeyException p) return p.problem();
            if (t instanceof MaliciousCounterValueException) return PasskeyException.Problem.COUNTER_REGRESSION;
            if (t instanceof UserNotVerifiedException) return PasskeyException.Problem.NOT_VERIFIED;
            if (t instanceof IllegalArgumentException && String.valueOf(t.getMessage()).contains("already exists")) {
                return PasskeyException.Problem.DUPLICATE;
            }
        }
        return PasskeyException.Problem.INVALID;
    }

    /** Enough of a public credential id to tell passkeys apart in the audit log. */
    static String shortId(String credentialId) {
        return credentialId.length() <= 12 ? credentialId : credentialId.substring(0, 12);
    }
}
