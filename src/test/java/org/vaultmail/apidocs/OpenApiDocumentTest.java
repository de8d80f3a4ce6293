package org.vaultmail.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.vaultmail.mail.FolderRole;
import org.vaultmail.mail.MessageFlag;
import org.vaultmail.mail.SmtpLoginCheck;
import org.vaultmail.mail.Sort;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document on its own: structurally valid OpenAPI 3.1 (every $ref resolves, every operation has
 * an id, a declared tag and responses, path templates match path parameters, errors are problem+json, examples
 * fit their schemas), and its schemas have exactly the fields of the Java records the controllers return, so a
 * renamed or added field fails the build.
 */
class OpenApiDocumentTest {

    static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}]+)}");

    final JsonNode doc = ApiDocument.read();

    /** Schema name → the record serialised under it. */
    static final Map<String, String> RECORDS = new LinkedHashMap<>();

    static {
        RECORDS.put("Folder", "org.vaultmail.reading.ApiViews$Folder");
        RECORDS.put("Address", "org.vaultmail.reading.ApiViews$Address");
        RECORDS.put("MessageSummary", "org.vaultmail.reading.ApiViews$Summary");
        RECORDS.put("MessagePage", "org.vaultmail.reading.ApiViews$Page");
        RECORDS.put("Attachment", "org.vaultmail.reading.ApiViews$Attachment");
        RECORDS.put("Message", "org.vaultmail.reading.ApiViews$Message");
        RECORDS.put("FlagChange", "org.vaultmail.reading.ApiViews$FlagChange");
        RECORDS.put("Sender", "org.vaultmail.reading.ApiViews$Sender");
        RECORDS.put("SearchHit", "org.vaultmail.reading.ApiViews$SearchHit");
        RECORDS.put("SearchResults", "org.vaultmail.reading.ApiViews$SearchResults");
        RECORDS.put("SignInRequest", "org.vaultmail.auth.signin.SessionsApiController$SignInRequest");
        RECORDS.put("TokenResponse", "org.vaultmail.auth.signin.SessionsApiController$TokenResponse");
        RECORDS.put("RefreshRequest", "org.vaultmail.auth.signin.SessionsApiController$RefreshRequest");
        RECORDS.put("Session", "org.vaultmail.auth.signin.SessionsApiController$SessionView");
        RECORDS.put("SmtpLoginRequest", "org.vaultmail.auth.smtp.SmtpSettingsApiController$SmtpLoginRequest");
        RECORDS.put("SmtpSettings", "org.vaultmail.auth.smtp.SmtpSettingsApiController$SmtpSettingsView");
        RECORDS.put("SmtpCheckResult", "org.vaultmail.auth.smtp.SmtpSettingsApiController$CheckResult");
        RECORDS.put("ComposeRequest", "org.vaultmail.compose.ComposeApi$MessageRequest");
        RECORDS.put("ComposeFile", "org.vaultmail.compose.ComposeApi$FileJson");
        RECORDS.put("OriginalRef", "org.vaultmail.compose.ComposeApi$OriginalJson");
        RECORDS.put("SentMessage", "org.vaultmail.compose.ComposeApi$Sent");
        RECORDS.put("DraftFile", "org.vaultmail.compose.ComposeApi$FileInfo");
        RECORDS.put("OriginalView", "org.vaultmail.compose.ComposeApi$OriginalView");
        RECORDS.put("Letter", "org.vaultmail.compose.ComposeApi$LetterView");
        RECORDS.put("Draft", "org.vaultmail.compose.ComposeApi$DraftView");
        RECORDS.put("ComposeStart", "org.vaultmail.compose.ComposeApi$StartView");
        RECORDS.put("ComposeLimits", "org.vaultmail.compose.ComposeApi$LimitsView");
        RECORDS.put("Identity", "org.vaultmail.compose.Identity");
        RECORDS.put("IdentityUpdate", "org.vaultmail.compose.ComposeApi$IdentityUpdate");
        RECORDS.put("Contact", "org.vaultmail.compose.Contacts$Contact");
    }

    /** Records that are only read from requests: their Java nullability is about validation, not the contract. */
    static final Set<String> REQUEST_ONLY = Set.of("FlagChange", "Sender", "SignInRequest", "RefreshRequest", "SmtpLoginRequest",
            "ComposeRequest", "ComposeFile", "OriginalRef", "IdentityUpdate");

    static JsonNode resolve(JsonNode doc, JsonNode node) {
        if (!node.has("$ref")) return node;
        String ref = node.get("$ref").asString();
        assertThat(ref).as("local reference").startsWith("#/");
        JsonNode target = doc;
        for (String part : ref.substring(2).split("/")) target = target.path(part.replace("~1", "/").replace("~0", "~"));
        assertThat(target.isMissingNode()).as("%s resolves", ref).isFalse();
        return resolve(doc, target);
    }

    List<Map.Entry<String, JsonNode>> operations() {
        List<Map.Entry<String, JsonNode>> ops = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                if (METHODS.contains(op.getKey())) ops.add(Map.entry(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(), op.getValue()));
            }
        }
        return ops;
    }

    @Test
    void isAnOpenApi31DocumentWithInfoServersAndSecurity() {
        assertThat(doc.get("openapi").asString()).matches("3\\.1\\.\\d+");
        assertThat(doc.path("info").path("title").asString()).isNotBlank();
        assertThat(doc.path("info").path("version").asString()).isNotBlank();
        assertThat(doc.path("servers").get(0).path("url").asString()).as("relative server").startsWith("/");
        Set<String> schemes = doc.path("components").path("securitySchemes").propertyNames().stream().collect(java.util.stream.Collectors.toSet());
        assertThat(schemes).contains("bearer", "browserSession");
        assertThat(doc.path("components").path("securitySchemes").path("bearer").path("scheme").asString()).isEqualTo("bearer");
        List<JsonNode> requirements = new ArrayList<>();
        doc.path("security").forEach(requirements::add);
        for (var op : operations()) op.getValue().path("security").forEach(requirements::add);
        for (JsonNode requirement : requirements) assertThat(schemes).containsAll(requirement.propertyNames());
    }

    @Test
    void everyReferenceResolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);
        assertThat(refs).isNotEmpty();
        for (String ref : refs) resolve(doc, tools.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("$ref", ref));
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (e.getKey().equals("$ref") && e.getValue().isString()) refs.add(e.getValue().asString());
                else collectRefs(e.getValue(), refs);
            }
        } else if (node.isArray()) {
            for (JsonNode child : node) collectRefs(child, refs);
        }
    }

    @Test
    void everyOperationHasAUniqueIdADeclaredTagAResponseAndItsPathParameters() {
        Set<String> tags = new HashSet<>();
        doc.path("tags").forEach(t -> tags.add(t.get("name").asString()));
        Set<String> ids = new HashSet<>();
        for (var entry : operations()) {
            String key = entry.getKey();
            JsonNode op = entry.getValue();
            assertThat(ids.add(op.path("operationId").asString())).as("unique operationId of %s", key).isTrue();
            assertThat(op.path("operationId").asString()).as("operationId of %s", key).isNotBlank();
            assertThat(tags).as("tag of %s", key).contains(op.path("tags").path(0).asString());
            assertThat(op.path("summary").asString()).as("summary of %s", key).isNotBlank();
            assertThat(op.path("responses").isEmpty()).as("responses of %s", key).isFalse();
            for (var r : op.get("responses").properties()) {
                assertThat(r.getKey()).as("status of %s", key).matches("[1-5]\\d\\d|default");
                assertThat(resolve(doc, r.getValue()).path("description").asString()).as("%s %s has a description", key, r.getKey()).isNotBlank();
            }
            Set<String> templated = new TreeSet<>();
            Matcher m = TEMPLATE.matcher(key);
            while (m.find()) templated.add(m.group(1));
            Set<String> declared = new TreeSet<>();
            for (JsonNode p : op.path("parameters")) {
                JsonNode param = resolve(doc, p);
                assertThat(param.path("in").asString()).isIn("path", "query", "header", "cookie");
                assertThat(param.has("schema")).as("schema of parameter %s of %s", param.path("name"), key).isTrue();
                if (param.path("in").asString().equals("path")) {
                    declared.add(param.path("name").asString());
                    assertThat(param.path("required").asBoolean()).as("path parameters are required").isTrue();
                }
            }
            assertThat(declared).as("path parameters of %s", key).isEqualTo(templated);
        }
    }

    @Test
    void apiErrorsAreProblemJson() {
        for (var entry : operations()) {
            if (!entry.getKey().contains(" /api/v1/")) continue;
            for (var r : entry.getValue().get("responses").properties()) {
                JsonNode content = resolve(doc, r.getValue()).path("content");
                // 422 of the SMTP settings is a result (the test's outcome), not an error of the API
                if (r.getKey().compareTo("400") < 0 || content.isMissingNode() || r.getKey().equals("422")) continue;
                assertThat(content.propertyNames()).as("%s %s", entry.getKey(), r.getKey()).containsExactly("application/problem+json");
                assertThat(content.path("application/problem+json").path("schema").path("$ref").asString())
                        .isEqualTo("#/components/schemas/Problem");
            }
        }
    }

    @Test
    void examplesFitTheirSchemas() {
        int checked = 0;
        for (var entry : operations()) {
            List<JsonNode> media = new ArrayList<>();
            entry.getValue().path("requestBody").path("content").forEach(media::add);
            for (var r : entry.getValue().get("responses").properties()) resolve(doc, r.getValue()).path("content").forEach(media::add);
            for (JsonNode m : media) {
                List<JsonNode> examples = new ArrayList<>();
                if (m.has("example")) examples.add(m.get("example"));
                m.path("examples").forEach(e -> examples.add(e.path("value")));
                for (JsonNode example : examples) {
                    if (example.isString() && !m.path("schema").path("type").asString().isEmpty()) continue; // text bodies
                    List<String> problems = new ArrayList<>();
                    new SchemaCheck(doc).fits(example, m.path("schema"), "$", problems);
                    assertThat(problems).as("example of %s", entry.getKey()).isEmpty();
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(10);
    }

    @Test
    void schemasHaveExactlyTheFieldsOfTheRecords() throws ClassNotFoundException {
        JsonNode schemas = doc.path("components").path("schemas");
        for (var e : RECORDS.entrySet()) {
            Class<?> record = Class.forName(e.getValue());
            assertThat(record.isRecord()).as(e.getValue()).isTrue();
            JsonNode schema = schemas.get(e.getKey());
            assertThat(schema).as("schema %s", e.getKey()).isNotNull();
            List<String> fields = Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList();
            assertThat(schema.path("properties").propertyNames()).as("properties of %s vs %s", e.getKey(), record.getSimpleName())
                    .containsExactlyInAnyOrderElementsOf(fields);
            if (REQUEST_ONLY.contains(e.getKey())) continue;
            for (RecordComponent c : record.getRecordComponents()) {
                boolean nullableInJava = c.getAnnotatedType().isAnnotationPresent(Nullable.class);
                JsonNode property = schema.path("properties").path(c.getName());
                assertThat(allowsNull(property)).as("%s.%s may be null", e.getKey(), c.getName()).isEqualTo(nullableInJava);
                if (!nullableInJava) {
                    assertThat(schema.path("required").valueStream().map(JsonNode::asString).toList())
                            .as("%s.%s is always present", e.getKey(), c.getName()).contains(c.getName());
                }
            }
        }
    }

    private boolean allowsNull(JsonNode property) {
        JsonNode p = resolve(doc, property);
        if (p.path("type").isArray()) {
            for (JsonNode t : p.get("type")) if (t.asString().equals("null")) return true;
        }
        for (JsonNode option : p.path("oneOf")) if (resolve(doc, option).path("type").asString().equals("null")) return true;
        return false;
    }

    @Test
    void enumsMatchTheJavaEnums() throws ClassNotFoundException {
        JsonNode schemas = doc.path("components").path("schemas");
        assertThat(strings(schemas.path("Flags").path("items").path("enum"))).containsExactlyInAnyOrderElementsOf(lower(MessageFlag.values()));
        List<String> roles = new ArrayList<>(lower(FolderRole.values()));
        roles.add("null");
        assertThat(strings(schemas.path("Folder").path("properties").path("role").path("enum"))).containsExactlyInAnyOrderElementsOf(roles);
        assertThat(strings(schemas.path("SmtpCheckResult").path("properties").path("outcome").path("enum")))
                .containsExactlyInAnyOrderElementsOf(lower(SmtpLoginCheck.Outcome.values()));
        JsonNode sort = null;
        for (JsonNode p : doc.path("paths").path("/api/v1/folders/{folder}/messages").path("get").path("parameters")) {
            if (p.path("name").asString().equals("sort")) sort = p;
        }
        assertThat(sort).isNotNull();
        assertThat(strings(sort.path("schema").path("enum"))).containsExactlyInAnyOrderElementsOf(lower(Sort.values()));
    }

    @Test
    void theFolderParameterExplainsTheEncodingAndQExplainsTheSearchSyntax() {
        assertThat(doc.path("components").path("parameters").path("folder").path("description").asString()).contains("Archive%2F2024");
        JsonNode q = null;
        for (JsonNode p : doc.path("paths").path("/api/v1/folders/{folder}/messages").path("get").path("parameters")) {
            if (p.path("name").asString().equals("q")) q = p;
        }
        assertThat(q).isNotNull();
        assertThat(q.path("description").asString()).contains("from:", "to:", "subject:", "body:", "is:unread", "is:flagged",
                "has:attachment", "after:", "before:");
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.isNull() ? "null" : v.asString()));
        return values;
    }

    private static List<String> lower(Enum<?>[] values) {
        return Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).toList();
    }
}
