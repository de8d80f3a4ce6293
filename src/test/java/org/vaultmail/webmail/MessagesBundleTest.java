package org.vaultmail.webmail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.vaultmail.mail.FolderRole;

/** Every text key the templates use exists in the English bundles (messages*.properties), also the ones they build (sort, roles, problems). */
class MessagesBundleTest {

    private static final Path TEMPLATES = Path.of("src/main/resources/templates");
    private static final Pattern KEY = Pattern.compile("#\\{([a-zA-Z][\\w.]*)[}(]|#messages\\.msg\\('([\\w.]+)'");

    @Test
    void everyKeyATemplateNamesIsInMessagesProperties() throws IOException {
        Properties bundle = bundle();
        TreeSet<String> missing = new TreeSet<>();
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".html")).toList()) {
                Matcher m = KEY.matcher(Files.readString(f));
                while (m.find()) {
                    String key = m.group(1) != null ? m.group(1) : m.group(2);
                    // a key ending in '.' is the prefix of keys built at run time ('admin.policy.field.' + key): one must exist
                    boolean found = key.endsWith(".") ? bundle.stringPropertyNames().stream().anyMatch(k -> k.startsWith(key))
                            : bundle.containsKey(key);
                    if (!found) missing.add(f.getFileName() + ": " + key);
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void keysBuiltAtRunTimeExist() throws IOException {
        Properties bundle = bundle();
        List<String> built = new ArrayList<>();
        ListParams.SORTS.forEach(s -> built.add("sort." + s));
        for (FolderRole role : FolderRole.values()) built.add("folder.role." + role.name().toLowerCase(Locale.ROOT));
        for (String p : List.of("folderNotFound", "messageNotFound", "unavailable", "refused", "search", "credentials", "session")) {
            built.add("problem." + p + ".title");
            built.add("problem." + p + ".detail");
        }
        assertThat(built).allMatch(bundle::containsKey);
    }

    private static Properties bundle() throws IOException {
        Properties p = new Properties();
        try (Stream<Path> files = Files.list(Path.of("src/main/resources"))) {
            for (Path f : files.filter(f -> f.getFileName().toString().matches("messages(-[a-z0-9-]+)?\\.properties")).toList()) {
                try (InputStream in = Files.newInputStream(f)) {
                    p.load(in);
                }
            }
        }
        return p;
    }
}
