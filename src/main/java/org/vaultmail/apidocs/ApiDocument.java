package org.vaultmail.apidocs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI document, a hand-written classpath resource (reviewed like code; {@code OpenApiDriftTest} keeps it
 * in step with the controllers). Read once; the version of the running build replaces {@code info.version}.
 */
@Component
public class ApiDocument {

    /** Where the document lives on the classpath. */
    public static final String RESOURCE = "openapi/vaultmail-api.json";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JsonNode tree;
    private final byte[] bytes;

    ApiDocument() {
        this(ApiDocument.class.getPackage().getImplementationVersion());
    }

    ApiDocument(@org.jspecify.annotations.Nullable String buildVersion) {
        JsonNode parsed = read();
        if (buildVersion != null && parsed.get("info") instanceof ObjectNode info) info.put("version", buildVersion);
        this.tree = parsed;
        this.bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(parsed);
    }

    /** The document as parsed from the classpath, without the build version (for tests and tools). */
    public static JsonNode read() {
        try (InputStream in = new ClassPathResource(RESOURCE).getInputStream()) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("The OpenAPI document " + RESOURCE + " is missing", e);
        }
    }

    JsonNode tree() {
        return tree;
    }

    byte[] bytes() {
        return bytes.clone();
    }
}
