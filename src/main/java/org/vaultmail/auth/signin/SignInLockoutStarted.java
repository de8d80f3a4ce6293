package org.vaultmail.auth.signin;

import java.time.Instant;
import org.springframework.modulith.NamedInterface;

/**
 * Sign-in throttling (G9) started making an account or a client address wait: published once, when the
 * failure that crosses the threshold is counted, not for every attempt refused during the wait (those are
 * {@link SignInFailed} with {@code LOCKED_OUT}). Further failures after the wait lengthen it without a new
 * start; a new start follows only after the counter was reset (a success, or {@code reset} without failure).
 *
 * @param kind     {@code ACCOUNT} (subject is the address) or {@code CLIENT} (subject is the client address)
 * @param until    when the first wait ends
 * @param failures the failures counted, the threshold
 */
@NamedInterface("signin")
public record SignInLockoutStarted(Kind kind, String subject, Instant until, int failures) {

    /** What is made to wait. */
    public enum Kind { ACCOUNT, CLIENT }
}
