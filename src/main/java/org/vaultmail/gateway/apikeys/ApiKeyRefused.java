package org.vaultmail.gateway.apikeys;

import java.util.Locale;

import org.springframework.context.MessageSource;

/**
 * A key management request refused with a message the user can act on (never containing a key): a message key
 * ({@code messages-problems}) and its arguments, put into the request's language where it is shown (ADR 0052).
 */
final class ApiKeyRefused extends RuntimeException {

    enum Kind { INVALID, SECOND_FACTOR_REQUIRED, NOT_FOUND }

    static final String SECOND_FACTOR_TYPE = "tag:vaultmail.org,2026:problem:second-factor-required";
    static final String SECOND_FACTOR = "problem.apikey.secondFactor";

    private final Kind kind;
    private final Object[] arguments;

    ApiKeyRefused(Kind kind, String messageKey, Object... arguments) {
        super(messageKey, null, false, false);
        this.kind = kind;
        this.arguments = arguments.clone();
    }

    Kind kind() {
        return kind;
    }

    /** What the user is told, in {@code locale}. */
    String text(MessageSource messages, Locale locale) {
        return messages.getMessage(getMessage(), arguments, getMessage(), locale);
    }
}
