package org.vaultmail.gateway.mailboxes;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.vaultmail.account.SmtpLogin;
import org.vaultmail.vault.Purpose;
import org.vaultmail.vault.Sealed;
import org.vaultmail.vault.SealedColumn;
import org.vaultmail.vault.Secret;
import org.vaultmail.vault.Vault;
import org.vaultmail.vault.VaultException;

/**
 * Seals a mailbox's login (username and password) under the master keyset, bound to table, column, row and owner,
 * so a ciphertext copied to another row or user does not open (G5). The plaintext is {@code 1 ‖ u16 length ‖
 * username ‖ password}; every intermediate array is zeroed.
 */
final class MailboxCredentials {

    static final SealedColumn COLUMN = new SealedColumn("connected_mailboxes", "id", "credentials", "credentials_key_id",
            "user_id", Purpose.CREDENTIALS);
    private static final byte VERSION = 1;

    private final Vault vault;

    MailboxCredentials(Vault vault) {
        this.vault = vault;
    }

    Sealed seal(long mailboxId, long userId, String username, Secret password) {
        byte[] user = username.getBytes(StandardCharsets.UTF_8);
        byte[] pass = password.revealBytes();
        byte[] payload = ByteBuffer.allocate(3 + user.length + pass.length).put(VERSION).putShort((short) user.length)
                .put(user).put(pass).array();
        try (Secret plain = Secret.copyOf(payload)) {
            return vault.seal(Purpose.CREDENTIALS, COLUMN.location(mailboxId, userId), plain);
        } finally {
            Arrays.fill(pass, (byte) 0);
            Arrays.fill(payload, (byte) 0);
        }
    }

    /** The login; close it to wipe the password. Throws {@link VaultException} for a moved, tampered or retired one. */
    SmtpLogin open(long mailboxId, long userId, byte[] ciphertext) {
        try (Secret plain = vault.unseal(Purpose.CREDENTIALS, COLUMN.location(mailboxId, userId), ciphertext)) {
            byte[] payload = plain.revealBytes();
            try {
                ByteBuffer b = ByteBuffer.wrap(payload);
                if (payload.length < 3 || b.get() != VERSION) {
                    throw new VaultException("connected_mailboxes.credentials row " + mailboxId + ": unknown format");
                }
                int userLength = Short.toUnsignedInt(b.getShort());
                String username = new String(payload, 3, userLength, StandardCharsets.UTF_8);
                byte[] password = Arrays.copyOfRange(payload, 3 + userLength, payload.length);
                try {
                    return new SmtpLogin(username, Secret.copyOf(password));
                } finally {
                    Arrays.fill(password, (byte) 0);
                }
            } finally {
                Arrays.fill(payload, (byte) 0);
            }
        }
    }
}
