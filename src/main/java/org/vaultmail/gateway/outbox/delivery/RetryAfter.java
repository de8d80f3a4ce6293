package org.vaultmail.gateway.outbox.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;

/** HTTP {@code Retry-After} (RFC 9110 §10.2.3): delay seconds or an HTTP date; capped, so a wild value cannot park mail for ever. */
final class RetryAfter {

    static final Duration MAX = Duration.ofHours(6);

    private RetryAfter() {
    }

    /** When the next attempt may start; null when the header is absent or unreadable (the backoff alone decides). */
    static @Nullable Instant parse(@Nullable String header, Instant now) {
        if (header == null || header.isBlank()) return null;
        String v = header.strip();
        Instant at;
        if (v.chars().allMatch(Character::isDigit)) {
            if (v.length() > 9) return now.plus(MAX);
            at = now.plusSeconds(Long.parseLong(v));
        } else {
            try {
                at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        if (at.isBefore(now)) return now;
        return at.isAfter(now.plus(MAX)) ? now.plus(MAX) : at;
    }
}
