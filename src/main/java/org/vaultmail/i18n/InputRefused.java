package org.vaultmail.i18n;

import java.io.Serial;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSourceResolvable;

/**
 * Request input a feature refuses ({@code limit=0}, an unknown sort, a folder path with {@code *}): an
 * {@link IllegalArgumentException}, as before, whose text is a key of {@code messages-input}, so the API's problem
 * detail ({@code web.ApiProblems}) is in the request's language while {@link #getMessage()}, logs and the CLI stay
 * English. It is also a {@link MessageSourceResolvable}, so {@code web} (which cannot depend on this module) resolves it
 * without knowing the type. A check that only a programming or configuration error can fail throws a plain
 * {@code IllegalArgumentException} in English instead (ADR 0052, amendment of session 12).
 */
public final class InputRefused extends IllegalArgumentException implements UserText.Shown, MessageSourceResolvable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final UserText text;
    private final Object[] arguments;

    private InputRefused(UserText text, Object[] arguments) {
        super(text.english());
        this.text = text;
        this.arguments = arguments.clone();
    }

    /** The refusal {@code key} (in {@code messages-input}) with its {@code {n}} arguments (strings and numbers). */
    public static InputRefused of(String key, Object... arguments) {
        return new InputRefused(UserText.of(key, arguments), arguments);
    }

    @Override
    public String[] getCodes() {
        return new String[] {text.key()};
    }

    @Override
    public Object[] getArguments() {
        return arguments.clone();
    }

    /** The English text, should a message source not have the key. */
    @Override
    public String getDefaultMessage() {
        return String.valueOf(getMessage());
    }

    @Override
    public @Nullable UserText text() {
        return text;
    }
}
