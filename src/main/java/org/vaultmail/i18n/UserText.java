package org.vaultmail.i18n;

import java.io.Serial;
import java.io.Serializable;
import java.text.MessageFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;

/**
 * A sentence for a person, named by its key in {@code messages-problems} (or {@code messages-input}, the refusals of
 * request input, {@link InputRefused}) and its arguments, so a refusal can be
 * thrown without a message source and shown later in the reader's language (ADR 0052). A {@link Size} argument is
 * written as {@link ByteSizes} writes it in that language. {@link #english()} is the text of logs, the CLI and
 * {@code getMessage()}, read from the English bundle directly.
 */
public final class UserText implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final List<String> BUNDLES = List.of("messages-problems", "messages-input");
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    /** A byte count to be written in the reader's language ("1.5 MB", "1,5 Mo"). */
    public record Size(long bytes) implements Serializable {
    }

    /** An exception whose message a person reads: the text to show in the reader's language (null: its message). */
    public interface Shown {
        @Nullable UserText text();
    }

    private final String key;
    private final Object[] arguments;

    private UserText(String key, Object[] arguments) {
        this.key = key;
        this.arguments = arguments.clone();
    }

    /** {@code key} (in {@code messages-problems} or {@code messages-input}) with its {@code {n}} arguments: strings, numbers or {@link Size}s. */
    public static UserText of(String key, Object... arguments) {
        return new UserText(key, arguments);
    }

    public String key() {
        return key;
    }

    /** The text in {@code locale}; the key itself if no bundle has it (a test names it, so it is never seen). */
    public String in(MessageSource messages, Locale locale) {
        return messages.getMessage(key, arguments(locale), key, locale);
    }

    /** The text in English (logs, CLI, exception messages). */
    public String english() {
        String pattern = englishPattern();
        if (pattern == null) return key;
        Object[] args = arguments(Locale.ENGLISH);
        return args.length == 0 ? pattern : new MessageFormat(pattern, Locale.ENGLISH).format(args);
    }

    /** What a person is told about {@code e}: its {@link UserText} in {@code locale} if it has one, else its message. */
    public static @Nullable String of(Throwable e, MessageSource messages, Locale locale) {
        UserText text = e instanceof Shown shown ? shown.text() : null;
        return text != null ? text.in(messages, locale) : e.getMessage();
    }

    private @Nullable String englishPattern() {
        for (String bundle : BUNDLES) {
            try {
                return ResourceBundle.getBundle(bundle, Locale.ROOT, NO_FALLBACK).getString(key);
            } catch (MissingResourceException e) {
                // not in this bundle: the next one
            }
        }
        return null;
    }

    private Object[] arguments(Locale locale) {
        return Arrays.stream(arguments).map(a -> a instanceof Size s ? ByteSizes.format(s.bytes(), locale) : a).toArray();
    }

    @Override
    public String toString() {
        return key + Arrays.toString(arguments);
    }
}
