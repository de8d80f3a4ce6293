package org.vaultmail.migrate.jobs;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;
import org.vaultmail.account.MailServers;
import org.vaultmail.migrate.ServerLogin;
import org.vaultmail.migrate.engine.ImapAccount;
import org.vaultmail.vault.Purpose;
import org.vaultmail.vault.Sealed;
import org.vaultmail.vault.SealedColumn;
import org.vaultmail.vault.Secret;
import org.vaultmail.vault.Vault;
import org.vaultmail.vault.VaultException;

/**
 * Seals one side's login (username and password) of a job under the master keyset, bound to table, column, job id
 * and owner (the user's id; none for an operator's job), so a ciphertext copied to another row, column or owner does
 * not open (G5). Plaintext {@code 1 ‖ u16 length ‖ username ‖ password}; every intermediate array is zeroed.
 */
final class JobCredentials {

    static final SealedColumn SOURCE = new SealedColumn("migration_jobs", "id", "source_credentials",
            "source_credentials_key_id", "owner_user_id", Purpose.CREDENTIALS);
    static final SealedColumn DESTINATION = new SealedColumn("migration_jobs", "id", "destination_credentials",
            "destination_credentials_key_id", "owner_user_id", Purpose.CREDENTIALS);
    private static final byte VERSION = 1;

    private final Vault vault;

    JobCredentials(Vault vault) {
        this.vault = vault;
    }

    Sealed seal(SealedColumn column, String jobId, @Nullable Long owner, String username, Secret password) {
        byte[] user = username.getBytes(StandardCharsets.UTF_8);
        byte[] pass = password.revealBytes();
        byte[] payload = ByteBuffer.allocate(3 + user.length + pass.length).put(VERSION).putShort((short) user.length)
                .put(user).put(pass).array();
        try (Secret plain = Secret.copyOf(payload)) {
            return vault.seal(Purpose.CREDENTIALS, column.location(jobId, owner), plain);
        } finally {
            Arrays.fill(pass, (byte) 0);
            Arrays.fill(payload, (byte) 0);
        }
    }

    /** The account for one run; close it to wipe the password. {@link VaultException} for a moved or tampered one. */
    ImapAccount open(SealedColumn column, String jobId, @Nullable Long owner, byte[] ciphertext, MailServers servers) {
        ServerLogin login = openLogin(column, jobId, owner, ciphertext, servers.domain());
        return new ImapAccount(servers, login.login(), login.password());
    }

    /** The sealed login as a {@link ServerLogin} on {@code server}; close it to wipe the password. */
    ServerLogin openLogin(SealedColumn column, String rowId, @Nullable Long owner, byte[] ciphertext, String server) {
        try (Secret plain = vault.unseal(Purpose.CREDENTIALS, column.location(rowId, owner), ciphertext)) {
            byte[] payload = plain.revealBytes();
            try {
                ByteBuffer b = ByteBuffer.wrap(payload);
                if (payload.length < 3 || b.get() != VERSION) {
                    throw new VaultException(column.qualifiedName() + " of " + rowId + ": unknown format");
                }
                int userLength = Short.toUnsignedInt(b.getShort());
                String username = new String(payload, 3, userLength, StandardCharsets.UTF_8);
                byte[] password = Arrays.copyOfRange(payload, 3 + userLength, payload.length);
                try {
                    return new ServerLogin(server, username, Secret.copyOf(password));
                } finally {
                    Arrays.fill(password, (byte) 0);
                }
            } finally {
                Arrays.fill(payload, (byte) 0);
            }
        }
    }
}
