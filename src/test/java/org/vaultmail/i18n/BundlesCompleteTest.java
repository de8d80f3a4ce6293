package org.vaultmail.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.vaultmail.testing.Bundles;

/**
 * Every bundle the application configures ({@code spring.messages.basename}) exists in every supported language with
 * exactly the same keys, no empty text, the same arguments, and texts that {@link MessageFormat} reads as meant.
 */
class BundlesCompleteTest {

    private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)[,}]");

    private static List<String> translations() {
        return Languages.SUPPORTED.stream().filter(l -> !l.equals(Languages.DEFAULT)).map(Locale::getLanguage).toList();
    }

    @Test
    void everyConfiguredBundleHasEveryLanguage() {
        List<String> missing = new ArrayList<>();
        for (String base : Bundles.baseNames()) {
            if (!Files.isRegularFile(Bundles.file(base, ""))) missing.add(base + ".properties");
            for (String lang : translations()) {
                if (!Files.isRegularFile(Bundles.file(base, lang))) missing.add(Bundles.file(base, lang).getFileName().toString());
            }
        }
        assertThat(missing).as("bundle files to write").isEmpty();
    }

    /**
     * A key in two bundles shows the first bundle's text everywhere (Spring takes the first base name that has it): the
     * console's own-passkeys page once showed the passkey policy page's title this way.
     */
    @Test
    void noKeyIsDefinedInTwoBundles() {
        java.util.Map<String, String> owner = new java.util.HashMap<>();
        List<String> twice = new ArrayList<>();
        for (String base : Bundles.baseNames()) {
            for (String k : new TreeSet<>(Bundles.read(Bundles.file(base, "")).stringPropertyNames())) {
                String first = owner.putIfAbsent(k, base);
                if (first != null) twice.add(k + " in " + first + " and " + base);
            }
        }
        assertThat(twice).isEmpty();
    }

    @Test
    void everyTranslationHasExactlyTheEnglishKeys() {
        List<String> problems = new ArrayList<>();
        for (String base : Bundles.baseNames()) {
            Set<String> english = Bundles.read(Bundles.file(base, "")).stringPropertyNames();
            for (String lang : translations()) {
                if (!Files.isRegularFile(Bundles.file(base, lang))) continue; // reported by the test above
                Set<String> translated = Bundles.read(Bundles.file(base, lang)).stringPropertyNames();
                for (String k : new TreeSet<>(english)) if (!translated.contains(k)) problems.add(base + "_" + lang + ": missing " + k);
                for (String k : new TreeSet<>(translated)) if (!english.contains(k)) problems.add(base + "_" + lang + ": not in English " + k);
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void noTextIsEmptyAndEveryTranslationTakesTheSameArguments() {
        List<String> problems = new ArrayList<>();
        for (String base : Bundles.baseNames()) {
            Properties english = Bundles.read(Bundles.file(base, ""));
            english.stringPropertyNames().stream().filter(k -> english.getProperty(k).isBlank())
                    .forEach(k -> problems.add(base + ": empty " + k));
            for (String lang : translations()) {
                if (!Files.isRegularFile(Bundles.file(base, lang))) continue;
                Properties translated = Bundles.read(Bundles.file(base, lang));
                for (String k : new TreeSet<>(translated.stringPropertyNames())) {
                    String text = translated.getProperty(k);
                    if (text.isBlank()) problems.add(base + "_" + lang + ": empty " + k);
                    else if (english.containsKey(k) && !arguments(text).equals(arguments(english.getProperty(k)))) {
                        problems.add(base + "_" + lang + ": " + k + " takes " + arguments(text) + ", English " + arguments(english.getProperty(k)));
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /** A text with arguments goes through MessageFormat: it must parse, and a lone ' would swallow the rest. */
    @Test
    void textsWithArgumentsAreValidMessageFormatsWithoutALoneApostrophe() {
        List<String> problems = new ArrayList<>();
        for (String base : Bundles.baseNames()) {
            for (String lang : List.of("", "de", "fr")) {
                if (!Files.isRegularFile(Bundles.file(base, lang))) continue;
                Properties p = Bundles.read(Bundles.file(base, lang));
                Locale locale = lang.isEmpty() ? Locale.ENGLISH : Locale.forLanguageTag(lang);
                for (String k : new TreeSet<>(p.stringPropertyNames())) {
                    String text = p.getProperty(k);
                    if (arguments(text).isEmpty()) continue;
                    try {
                        new MessageFormat(text, locale);
                    } catch (IllegalArgumentException e) {
                        problems.add(base + "_" + lang + ": " + k + " does not parse: " + e.getMessage());
                        continue;
                    }
                    if (text.replace("''", "").contains("'")) problems.add(base + "_" + lang + ": " + k + " has a lone ' (write '' or ’)");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    private static Set<String> arguments(String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = ARGUMENT.matcher(text);
        while (m.find()) found.add(m.group(1));
        return found;
    }
}
