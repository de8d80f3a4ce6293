package org.vaultmail.auth.session;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;
import org.vaultmail.account.SmtpLogin;
import org.vaultmail.vault.Secret;
import org.vaultmail.vault.VaultException;

/**
 * What {@link CredentialSeal} seals into a session row: the IMAP password and, when the user stored
 * one, the SMTP login (ADR 0007); or, for a session of an OAuth domain, its OAuth tokens (ADR 0045). Format v1:
 * {@code 0x00 0x01 ‖ u16 len ‖ IMAP password ‖ 0|1 ‖ [u16 len ‖ SMTP username ‖ u16 len ‖ SMTP password]}.
 * Format v2 (OAuth): {@code 0x00 0x02 ‖ u16 len ‖ provider id ‖ u16 len ‖ refresh token (empty: none) ‖ u16 len ‖
 * access token ‖ i64 access token expiry (epoch seconds)}; SMTP uses the same access token. A payload not starting
 * with {@code 0x00} is a session sealed before SMTP credentials existed: all of it is the IMAP password.
 */
public final class CredentialPayload implements AutoCloseable {

    private static final byte MARKER = 0x00;
    private static final byte VERSION = 0x01;
    private static final byte VERSION_OAUTH = 0x02;

    private final @Nullable Secret imapPassword;
    private final @Nullable SmtpLogin smtp;
    private final @Nullable SessionOAuthTokens oauth;

    private CredentialPayload(@Nullable Secret imapPassword, @Nullable SmtpLogin smtp, @Nullable SessionOAuthTokens oauth) {
        this.imapPassword = imapPassword;
        this.smtp = smtp;
        this.oauth = oauth;
    }

    private CredentialPayload(Secret imapPassword, @Nullable SmtpLogin smtp) {
        this(imapPassword, smtp, null);
    }

    /** The encoded OAuth payload (v2) for sealing; close it when sealed. */
    public static Secret encode(SessionOAuthTokens tokens) {
        byte[] provider = tokens.providerId().getBytes(StandardCharsets.UTF_8);
        byte[] refresh = tokens.refreshToken() == null ? new byte[0] : tokens.refreshToken().revealBytes();
        byte[] access = tokens.accessToken().revealBytes();
        byte[] out = null;
        try {
            check(provider.length, refresh.length, access.length);
            ByteBuffer b = ByteBuffer.allocate(2 + 6 + provider.length + refresh.length + access.length + 8);
            b.put(MARKER).put(VERSION_OAUTH)
                    .putShort((short) provider.length).put(provider)
                    .putShort((short) refresh.length).put(refresh)
                    .putShort((short) access.length).put(access)
                    .putLong(tokens.expiresAt().getEpochSecond());
            out = b.array();
            return Secret.copyOf(out);
        } finally {
            Arrays.fill(refresh, (byte) 0);
            Arrays.fill(access, (byte) 0);
            if (out != null) Arrays.fill(out, (byte) 0);
        }
    }

    /** The encoded payload for sealing; close it when sealed. */
    public static Secret encode(Secret imapPassword, @Nullable SmtpLogin smtp) {
        byte[] imap = imapPassword.revealBytes();
        byte[] user = smtp == null ? new byte[0] : smtp.username().getBytes(StandardCharsets.UTF_8);
        byte[] pw = smtp == null ? new byte[0] : smtp.password().revealBytes();
        byte[] out = null;
        try {
            check(imap.length, user.length, pw.length);
            ByteBuffer b = ByteBuffer.allocate(2 + 2 + imap.length + 1 + (smtp == null ? 0 : 4 + user.length + pw.length));
            b.put(MARKER).put(VERSION).putShort((short) imap.length).put(imap).put((byte) (smtp == null ? 0 : 1));
            if (smtp != null) b.putShort((short) user.length).put(user).putShort((short) pw.length).put(pw);
            out = b.array();
            return Secret.copyOf(out);
        } finally {
            Arrays.fill(imap, (byte) 0);
            Arrays.fill(pw, (byte) 0);
            if (out != null) Arrays.fill(out, (byte) 0);
        }
    }

    /** Decodes an opened payload; the result owns copies, the caller still closes {@code payload}. */
    public static CredentialPayload decode(Secret payload) {
        byte[] bytes = payload.revealBytes();
        try {
            if (bytes.length == 0 || bytes[0] != MARKER) return new CredentialPayload(Secret.copyOf(bytes), null);
            ByteBuffer in = ByteBuffer.wrap(bytes);
            in.get();
            byte version = in.get();
            if (version == VERSION_OAUTH) return new CredentialPayload(null, null, oauth(in));
            if (version != VERSION) throw new VaultException("session credentials: unknown payload version");
            byte[] imapBytes = take(in, Short.toUnsignedInt(in.getShort()));
            Secret imap = Secret.copyOf(imapBytes);
            Arrays.fill(imapBytes, (byte) 0);
            if (in.get() == 0) return new CredentialPayload(imap, null);
            String user = new String(take(in, Short.toUnsignedInt(in.getShort())), StandardCharsets.UTF_8);
            byte[] pw = take(in, Short.toUnsignedInt(in.getShort()));
            try {
                return new CredentialPayload(imap, new SmtpLogin(user, Secret.copyOf(pw)));
            } finally {
                Arrays.fill(pw, (byte) 0);
            }
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new VaultException("session credentials: malformed payload");
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** The IMAP password; an OAuth payload has none ({@link IllegalStateException}: ask {@link #oauth} first). */
    public Secret imapPassword() {
        if (imapPassword == null) throw new IllegalStateException("an OAuth session has no password");
        return imapPassword;
    }

    /** The OAuth tokens of a session of an OAuth domain; null for a password session. */
    public @Nullable SessionOAuthTokens oauth() {
        return oauth;
    }

    @Nullable public SmtpLogin smtp() {
        return smtp;
    }

    @Override
    public void close() {
        if (imapPassword != null) imapPassword.close();
        if (smtp != null) smtp.close();
        if (oauth != null) oauth.close();
    }

    @Override
    public String toString() {
        return "CredentialPayload[" + (oauth != null ? "oauth:" + oauth.providerId() : smtp == null ? "imap" : "imap+smtp") + "]";
    }

    private static SessionOAuthTokens oauth(ByteBuffer in) {
        String provider = new String(take(in, Short.toUnsignedInt(in.getShort())), StandardCharsets.UTF_8);
        byte[] refresh = take(in, Short.toUnsignedInt(in.getShort()));
        byte[] access = take(in, Short.toUnsignedInt(in.getShort()));
        try {
            Instant expires = Instant.ofEpochSecond(in.getLong());
            return new SessionOAuthTokens(provider, refresh.length == 0 ? null : Secret.copyOf(refresh),
                    Secret.copyOf(access), expires);
        } finally {
            Arrays.fill(refresh, (byte) 0);
            Arrays.fill(access, (byte) 0);
        }
    }

    private static byte[] take(ByteBuffer in, int length) {
        byte[] out = new byte[length];
        in.get(out);
        return out;
    }

    private static void check(int... lengths) {
        for (int length : lengths) {
            if (length > 0xFFFF) throw new IllegalArgumentException("credential longer than 65535 bytes");
        }
    }
}
