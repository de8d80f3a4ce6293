package org.vaultmail.sanitize;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.vaultmail.testing.Requirements;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The XSS payload corpora: DOMPurify's fixtures from {@code ../shared/corpora} and our own Roundcube-class file. */
final class Corpora {

    /** One payload: a name to report, the HTML (or text) body, and what it tries. */
    record Payload(String name, String html, String note) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Corpora() {
    }

    /** {@code ../shared/corpora/xss/dompurify-fixtures.json} beside the repository (the top of the git work tree). */
    static List<Payload> dompurify() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve(".git"))) dir = dir.getParent();
        Path root = dir == null ? Path.of("").toAbsolutePath() : dir;
        Path file = root.resolveSibling("shared").resolve("corpora/xss/dompurify-fixtures.json");
        Requirements.require(Files.isReadable(file), "the XSS corpus at " + file);
        try {
            List<Payload> out = new ArrayList<>();
            int index = 0;
            for (JsonNode n : JSON.readTree(Files.readString(file))) {
                index++;
                String title = n.has("title") ? n.get("title").asString() : "fixture " + index;
                out.add(new Payload(title, n.get("payload").asString(), "DOMPurify fixture"));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code src/test/resources/hostile/roundcube-classes.json}: HTML payloads and, with {@code "plain": true}, text ones. */
    static List<Payload> roundcubeClasses(boolean plainText) {
        try (InputStream in = Corpora.class.getResourceAsStream("/hostile/roundcube-classes.json")) {
            if (in == null) throw new IllegalStateException("hostile/roundcube-classes.json missing");
            List<Payload> out = new ArrayList<>();
            for (JsonNode n : JSON.readTree(in)) {
                boolean plain = n.has("plain") && n.get("plain").asBoolean();
                if (plain == plainText) {
                    out.add(new Payload(n.get("name").asString(), n.get("html").asString(), n.get("note").asString()));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
