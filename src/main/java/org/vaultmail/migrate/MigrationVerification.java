package org.vaultmail.migrate;

import java.util.Set;

import org.vaultmail.migrate.verify.VerifyReport;
import org.vaultmail.vault.Secret;

/**
 * Verifies a finished job (the CLI's {@code migrate verify}): reads both sides read-only with the migration verifier
 * and compares the job's folder pairs as multisets of raw SHA-256, flags and INTERNALDATE. The job's own credentials
 * are deleted when it ends, so the caller gives both logins again (a password, or an access token for an OAuth side);
 * they are used for this read and closed by the caller.
 */
public interface MigrationVerification {

    /**
     * @throws MigrationRefused {@code not_found}, {@code conflict} (not finished, or a dry run), {@code unknown_server},
     *                          {@code source_login_failed} / {@code destination_login_failed},
     *                          {@code source_unreachable} / {@code destination_unreachable}
     */
    default Result verify(String id, Secret sourcePassword, Secret destinationPassword, Requester requester)
            throws MigrationRefused {
        return verify(id, Login.password(sourcePassword), Login.password(destinationPassword), requester);
    }

    /**
     * As above, each side with a password or an OAuth access token (SASL XOAUTH2: a job whose source was an OAuth
     * mailbox, ADR 0046, kept no grant once it ended, so the operator brings a token, as they bring a password).
     */
    Result verify(String id, Login source, Login destination, Requester requester) throws MigrationRefused;

    /** What one side logs in with for the verification; the caller closes the secret. */
    record Login(Secret secret, boolean accessToken) {
        public static Login password(Secret password) {
            return new Login(password, false);
        }

        public static Login accessToken(Secret token) {
            return new Login(token, true);
        }

        @Override
        public String toString() {
            return accessToken ? "Login[access token]" : "Login[password]";
        }
    }

    /**
     * The verifier's report, and the flags left out of the comparison: those the job's report already lists as not
     * settable on the destination (they cannot match, and the report said so).
     */
    record Result(VerifyReport report, Set<String> ignoredFlags) {
        public Result {
            ignoredFlags = Set.copyOf(ignoredFlags);
        }
    }
}
