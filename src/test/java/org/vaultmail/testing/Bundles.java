package org.vaultmail.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The message bundles the application configures ({@code spring.messages.basename} in application.yml), read as files. */
public final class Bundles {

    public static final Path RESOURCES = Path.of("src/main/resources");
    private static final Pattern BASENAME = Pattern.compile("(?m)^\\s+basename:\\s*(\\S+)\\s*$");

    private Bundles() {
    }

    /** Every base name, in the configured order ("messages", "messages-mailboxes", …). */
    public static List<String> baseNames() {
        try {
            Matcher m = BASENAME.matcher(Files.readString(RESOURCES.resolve("application.yml")));
            if (!m.find()) throw new IllegalStateException("no spring.messages.basename in application.yml");
            return Arrays.stream(m.group(1).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file of a base name in a language ({@code ""} for English, the default bundle). */
    public static Path file(String baseName, String language) {
        return RESOURCES.resolve(baseName + (language.isEmpty() ? "" : "_" + language) + ".properties");
    }

    /** The keys and texts of one bundle file, read as UTF-8 (as Spring reads them: spring.messages.encoding). */
    public static Properties read(Path file) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
