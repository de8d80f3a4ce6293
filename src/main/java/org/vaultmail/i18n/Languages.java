package org.vaultmail.i18n;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/** The languages Vaultmail's texts exist in; English is the default and the bundles without a suffix. */
public final class Languages {

    public static final Locale DEFAULT = Locale.ENGLISH;
    /** In the order the language choice lists them. Adding one: a bundle per base name, then here (ADR 0052). */
    public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.GERMAN, Locale.FRENCH);

    private Languages() {
    }

    /** The supported language of {@code tag} ("de", "de-CH", "fr-FR" …), if any. */
    public static Optional<Locale> supported(@Nullable String tag) {
        if (tag == null || tag.isBlank()) return Optional.empty();
        String language = Locale.forLanguageTag(tag.trim()).getLanguage();
        return SUPPORTED.stream().filter(l -> l.getLanguage().equals(language)).findFirst();
    }

    /** The best supported language for an {@code Accept-Language} header, else English. */
    public static Locale forAcceptLanguage(@Nullable String header) {
        if (header == null || header.isBlank()) return DEFAULT;
        try {
            Locale best = Locale.lookup(Locale.LanguageRange.parse(header), SUPPORTED);
            return best == null ? DEFAULT : best;
        } catch (IllegalArgumentException e) {
            return DEFAULT; // a malformed header is not the user's fault: English
        }
    }
}
