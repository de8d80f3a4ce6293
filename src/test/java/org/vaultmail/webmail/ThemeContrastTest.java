package org.vaultmail.webmail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Text colours of both themes in app.css against the backgrounds they are used on reach WCAG AA (4.5:1), computed
 * from the stylesheet itself so a colour change that breaks contrast fails here.
 */
class ThemeContrastTest {

    private static final Pattern VARIABLE = Pattern.compile("--([a-z0-9-]+):\\s*(#[0-9a-fA-F]{6})");

    /** foreground on background, as the stylesheet pairs them. */
    private static final List<String[]> PAIRS = List.of(
            new String[] {"text", "surface"}, new String[] {"text", "bg"}, new String[] {"text", "surface-2"},
            new String[] {"text", "accent-soft"}, new String[] {"text", "notice"}, new String[] {"text", "hover"},
            new String[] {"muted", "surface"}, new String[] {"muted", "bg"}, new String[] {"muted", "surface-2"},
            new String[] {"muted", "accent-soft"}, new String[] {"accent", "surface"}, new String[] {"accent", "bg"},
            new String[] {"accent", "accent-soft"}, new String[] {"accent-text", "accent"}, new String[] {"danger", "surface"},
            new String[] {"danger", "surface-2"});

    @Test
    void lightAndDarkThemesKeepTextAtLeast4Point5To1() throws IOException {
        String css = Files.readString(Path.of("src/main/resources/static/css/app.css"));
        Map<String, String> light = variables(block(css, ":root {"));
        Map<String, String> dark = variables(block(css, ":root[data-theme=\"dark\"] {"));
        Map<String, String> systemDark = variables(block(css, ":root:not([data-theme=\"light\"]) {"));
        assertThat(systemDark).as("the system dark theme is the same as the chosen one").isEqualTo(dark);
        for (Map<String, String> theme : List.of(light, dark)) {
            for (String[] pair : PAIRS) {
                double ratio = contrast(theme.get(pair[0]), theme.get(pair[1]));
                assertThat(ratio).as("%s on %s in %s", pair[0], pair[1], theme == light ? "light" : "dark").isGreaterThanOrEqualTo(4.5);
            }
        }
    }

    private static String block(String css, String start) {
        int from = css.indexOf(start);
        assertThat(from).as(start).isNotNegative();
        return css.substring(from, css.indexOf('}', from));
    }

    private static Map<String, String> variables(String block) {
        Map<String, String> vars = new HashMap<>();
        Matcher m = VARIABLE.matcher(block);
        while (m.find()) vars.put(m.group(1), m.group(2));
        return vars;
    }

    static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(String hex) {
        double r = channel(Integer.parseInt(hex.substring(1, 3), 16));
        double g = channel(Integer.parseInt(hex.substring(3, 5), 16));
        double b = channel(Integer.parseInt(hex.substring(5, 7), 16));
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    }

    private static double channel(int v) {
        double c = v / 255.0;
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
}
