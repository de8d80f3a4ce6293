package org.vaultmail.i18n;

import java.text.NumberFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Byte counts for people in their language: the number with the locale's decimal separator ("1.5 MB", "1,5 MB"), the
 * unit from the bundle ({@code size.*}: French writes "1,5 Mo"). Binary multiples, as mail servers count.
 */
public final class ByteSizes {

    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
    private static final long KB = 1024;
    private static final long MB = KB * 1024;
    private static final long GB = MB * 1024;

    private ByteSizes() {
    }

    /** Under a KB in bytes, under a MB in whole KB, under a GB in MB with one decimal, else GB with two. */
    public static String format(long bytes, Locale locale) {
        if (bytes < KB) return unit(locale, "size.bytes", whole(locale).format(bytes));
        if (bytes < MB) return unit(locale, "size.kb", whole(locale).format(Math.round(bytes / (double) KB)));
        if (bytes < GB) return unit(locale, "size.mb", decimals(locale, 1).format(bytes / (double) MB));
        return unit(locale, "size.gb", decimals(locale, 2).format(bytes / (double) GB));
    }

    private static NumberFormat whole(Locale locale) {
        return decimals(locale, 0);
    }

    private static NumberFormat decimals(Locale locale, int digits) {
        NumberFormat f = NumberFormat.getNumberInstance(locale);
        f.setMinimumFractionDigits(digits);
        f.setMaximumFractionDigits(digits);
        return f;
    }

    private static String unit(Locale locale, String key, String number) {
        String pattern;
        try {
            pattern = ResourceBundle.getBundle("messages", locale, NO_FALLBACK).getString(key);
        } catch (MissingResourceException e) {
            pattern = "{0}";
        }
        return pattern.replace("{0}", number);
    }
}
