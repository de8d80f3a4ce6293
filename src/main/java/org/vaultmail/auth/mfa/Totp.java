package org.vaultmail.auth.mfa;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.modulith.NamedInterface;

/**
 * RFC 6238 time-based one-time passwords with HMAC-SHA1: {@code digits} digits, {@code step} long
 * time steps, the current step and one either side accepted. Callers pass the last step they
 * accepted, so a code is never accepted twice (replay protection).
 */
@NamedInterface("mfa")
public final class Totp {

    /** What users and operators get: 6 digits, 30-second steps (what every authenticator app shows). */
    public static final int DIGITS = 6;
    public static final Duration STEP = Duration.ofSeconds(30);
    /** 160 bits, the HMAC-SHA1 output size (RFC 4226 §4 recommends it). */
    public static final int SECRET_BYTES = 20;
    private static final int WINDOW = 1;
    private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private final Clock clock;
    private final int digits;
    private final long stepSeconds;

    public Totp(Clock clock, int digits, Duration step) {
        if (digits < 6 || digits > 8) throw new IllegalArgumentException("digits must be 6 to 8");
        if (step.toSeconds() < 1) throw new IllegalArgumentException("step must be at least one second");
        this.clock = clock;
        this.digits = digits;
        this.stepSeconds = step.toSeconds();
    }

    /** The usual parameters ({@link #DIGITS}, {@link #STEP}). */
    public static Totp standard(Clock clock) {
        return new Totp(clock, DIGITS, STEP);
    }

    /** The time step now: seconds since the epoch divided by the step length. */
    public long currentStep() {
        return Math.floorDiv(clock.instant().getEpochSecond(), stepSeconds);
    }

    /** The code for {@code step} (RFC 4226 HOTP with the step as counter). */
    public String code(byte[] key, long step) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            String otp = Integer.toString(binary % POWERS[digits]);
            return "0".repeat(digits - otp.length()) + otp;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    }

    /**
     * The step that {@code code} matches within ±1 step of now and after {@code lastUsedStep}, or
     * empty. Every candidate is compared (in constant time) so the timing does not tell which matched.
     */
    public OptionalLong verify(byte[] key, String code, long lastUsedStep) {
        String given = code.strip().replace(" ", "");
        if (given.length() != digits || !given.chars().allMatch(c -> c >= '0' && c <= '9')) return OptionalLong.empty();
        byte[] givenBytes = given.getBytes(StandardCharsets.US_ASCII);
        long now = currentStep();
        long matched = -1;
        for (long step = now - WINDOW; step <= now + WINDOW; step++) {
            boolean same = MessageDigest.isEqual(code(key, step).getBytes(StandardCharsets.US_ASCII), givenBytes);
            if (same && step > lastUsedStep && matched < 0) matched = step;
        }
        return matched < 0 ? OptionalLong.empty() : OptionalLong.of(matched);
    }

    /** The {@code otpauth://} URI an authenticator app reads from a QR code. */
    public static String uri(String account, byte[] key) {
        String label = "Vaultmail:" + java.net.URLEncoder.encode(account, StandardCharsets.UTF_8).replace("+", "%20");
        return "otpauth://totp/" + label + "?secret=" + Base32.encode(key) + "&issuer=Vaultmail&algorithm=SHA1&digits="
                + DIGITS + "&period=" + STEP.toSeconds();
    }
}
