package org.vaultmail.auth.passkeys;

import org.springframework.security.web.webauthn.api.AuthenticatorAssertionResponse;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.PublicKeyCredential;
import org.springframework.transaction.support.TransactionTemplate;


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
            PasskeyException.Problem problem = PasskeyException.problemOf(e);
            String detail = problem == PasskeyException.Problem.COUNTER_REGRESSION ? "stored " + stored : null;
            throw new OperatorPasskeyRefused(problem, id, record.getLabel(), detail);
        }
    }

    /** Enough of a public credential id to tell passkeys apart in the audit log. */
    static String shortId(String credentialId) {
        return credentialId.length() <= 12 ? credentialId : credentialId.substring(0, 12);
    }
}
