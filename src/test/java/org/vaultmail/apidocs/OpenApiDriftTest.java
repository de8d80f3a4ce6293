package org.vaultmail.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.activation.DataHandler;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.MethodParameter;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.testing.Await;
import org.vaultmail.testing.GreenMailFixture;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.HttpCalls.Reply;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document against the running app: every handler under {@code /api/v1} and the operators'
 * {@code /admin/api/v1} (method, path pattern, path
 * and query parameter names) is documented and every documented operation exists; the document and the page
 * are served publicly, and the page is free of inline scripts and styles (CSP {@code script-src 'self'}).
 */
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenApiDriftTest {

    /**
     * Documented operations another branch is adding; empty this list when they are merged (the test then
     * proves they exist as documented).
     */
    static final Set<String> NOT_YET_MERGED = Set.of();

    private static final Pattern SCRIPT_TAG = Pattern.compile("<script\\b([^>]*)>", Pattern.CASE_INSENSITIVE);

    static final GreenMailFixture MAIL = GreenMailFixture.start();
    static final String ADDRESS = "contract-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
    static final String PASSWORD = "Contract-Canary-5d2c81";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path dataDir = Files.createTempDirectory("vaultmail-openapi-test-");
        registry.add("vaultmail.data-dir", dataDir::toString);
        registry.add("vaultmail.scheduling.enabled", () -> "false");
        registry.add("vaultmail.auth.throttle.requests-per-minute", () -> "0");
        MAIL.registerDomain(registry, 0, "example.test");
    }

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @LocalServerPort
    int port;

    final JsonNode doc = ApiDocument.read();

    /** "METHOD /path" for every handler in the app, with its handler. */
    Map<String, HandlerMethod> handlers() {
        Map<String, HandlerMethod> handlers = new HashMap<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mappings.getHandlerMethods().entrySet()) {
            var patterns = e.getKey().getPathPatternsCondition();
            if (patterns == null) continue;
            Set<RequestMethod> methods = e.getKey().getMethodsCondition().getMethods();
            for (String path : patterns.getPatternValues()) {
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    handlers.put(method.name() + " " + path, e.getValue());
                }
            }
        }
        return handlers;
    }

    /** "METHOD /path" for every operation in the document. */
    Map<String, JsonNode> documented() {
        Map<String, JsonNode> ops = new HashMap<>();
        for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                if (op.getValue().has("responses")) ops.put(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(), op.getValue());
            }
        }
        return ops;
    }

    /** "METHOD /path" of the users' API or of the operators' API on the console session: both are documented. */
    static boolean api(String key) {
        return key.contains(" /api/v1/") || key.contains(" /admin/api/v1/");
    }

    @Test
    void everyApiHandlerIsDocumented() {
        Set<String> undocumented = new TreeSet<>();
        for (String key : handlers().keySet()) {
            if (api(key) && !documented().containsKey(key)) undocumented.add(key);
        }
        assertThat(undocumented).as("handlers under /api/v1 and /admin/api/v1 missing from %s", ApiDocument.RESOURCE).isEmpty();
    }

    @Test
    void everyDocumentedOperationExists() {
        Map<String, HandlerMethod> handlers = handlers();
        Set<String> missing = new TreeSet<>();
        for (String key : documented().keySet()) {
            if (!handlers.containsKey(key) && !NOT_YET_MERGED.contains(key)) missing.add(key);
        }
        assertThat(missing).as("documented operations with no handler").isEmpty();
    }

    @Test
    void parametersMatchTheHandlers() {
        Map<String, JsonNode> documented = documented();
        for (Map.Entry<String, HandlerMethod> h : handlers().entrySet()) {
            JsonNode op = documented.get(h.getKey());
            if (op == null || !api(h.getKey())) continue;
            Set<String> handlerQuery = new TreeSet<>();
            Set<String> handlerPath = new TreeSet<>();
            for (MethodParameter p : h.getValue().getMethodParameters()) {
                RequestParam query = p.getParameterAnnotation(RequestParam.class);
                PathVariable path = p.getParameterAnnotation(PathVariable.class);
                if (query != null) handlerQuery.add(query.name().isEmpty() ? p.getParameterName() : query.name());
                if (path != null) handlerPath.add(path.name().isEmpty() ? p.getParameterName() : path.name());
            }
            Set<String> docQuery = new TreeSet<>();
            Set<String> docPath = new TreeSet<>();
            for (JsonNode p : op.path("parameters")) {
                JsonNode param = OpenApiDocumentTest.resolve(doc, p);
                String in = param.get("in").asString();
                if (in.equals("query")) docQuery.add(param.get("name").asString());
                else if (in.equals("path")) docPath.add(param.get("name").asString());
            }
            assertThat(docQuery).as("query parameters of %s", h.getKey()).isEqualTo(handlerQuery);
            assertThat(docPath).as("path parameters of %s", h.getKey()).isEqualTo(handlerPath);
        }
    }

    /**
     * Real answers of the running app (GreenMail behind it) have the documented shape for their operation and
     * status: the examples in the document could lie, these cannot. Unknown fields fail (a field added in Java
     * but not in the document).
     */
    @Test
    void realResponsesFitTheDocumentedSchemas() throws Exception {
        MAIL.createUser(ADDRESS, PASSWORD);
        MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()));
        mail.setFrom(new InternetAddress("ann@example.test", "Ann Example"));
        mail.setRecipients(jakarta.mail.Message.RecipientType.TO, ADDRESS);
        mail.setSubject("Weekly report");
        MimeMultipart parts = new MimeMultipart();
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Hi all, attached is the report.", "utf-8");
        MimeBodyPart pdf = new MimeBodyPart();
        pdf.setDataHandler(new DataHandler(new ByteArrayDataSource("%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII), "application/pdf")));
        pdf.setFileName("report.pdf");
        parts.addBodyPart(text);
        parts.addBodyPart(pdf);
        mail.setContent(parts);
        mail.saveChanges();
        MAIL.deliver(mail);

        HttpCalls http = new HttpCalls(port);
        Reply unauthenticated = http.get("/api/v1/folders");
        fits("GET /api/v1/folders", unauthenticated, 401);
        Reply wrong = http.send("POST", "/api/v1/sessions", HttpCalls.json("address", ADDRESS, "password", "wrong-" + PASSWORD));
        fits("POST /api/v1/sessions", wrong, 401);
        Reply signIn = http.send("POST", "/api/v1/sessions", HttpCalls.json("address", ADDRESS, "password", PASSWORD));
        fits("POST /api/v1/sessions", signIn, 201);
        String bearer = "Bearer " + signIn.json().get("accessToken").asString();

        fits("GET /api/v1/sessions", http.get("/api/v1/sessions", "Authorization", bearer), 200);
        fits("GET /api/v1/settings/smtp", http.get("/api/v1/settings/smtp", "Authorization", bearer), 200);
        fits("GET /api/v1/settings/remote-content/senders", http.get("/api/v1/settings/remote-content/senders", "Authorization", bearer), 200);
        fits("GET /api/v1/folders", http.get("/api/v1/folders", "Authorization", bearer), 200);
        Reply page = http.get("/api/v1/folders/INBOX/messages", "Authorization", bearer);
        fits("GET /api/v1/folders/{folder}/messages", page, 200);
        long uid = page.json().get("messages").get(0).get("uid").asLong();
        fits("GET /api/v1/folders/{folder}/messages/{uid}", http.get("/api/v1/folders/INBOX/messages/" + uid, "Authorization", bearer), 200);
        fits("GET /api/v1/folders/{folder}/messages", http.get("/api/v1/folders/INBOX/messages?limit=500", "Authorization", bearer), 400);
        fits("GET /api/v1/folders/{folder}/messages", http.get("/api/v1/folders/No%2FSuch/messages", "Authorization", bearer), 404);
        fits("GET /api/v1/folders/{folder}/messages/{uid}", http.get("/api/v1/folders/INBOX/messages/999999", "Authorization", bearer), 404);
        assertThat(http.send("POST", "/api/v1/folders/INBOX/messages/" + uid + "/flags", HttpCalls.json("add", List.of("seen")),
                "Authorization", bearer).status()).isEqualTo(204);
        fits("POST /api/v1/folders/{folder}/messages/{uid}/flags", http.send("POST", "/api/v1/folders/INBOX/messages/" + uid + "/flags",
                HttpCalls.json("add", List.of("sparkly")), "Authorization", bearer), 400);

        fits("GET /api/v1/compose/limits", http.get("/api/v1/compose/limits", "Authorization", bearer), 200);
        fits("GET /api/v1/identities", http.get("/api/v1/identities", "Authorization", bearer), 200);
        fits("POST /api/v1/messages", http.send("POST", "/api/v1/messages", HttpCalls.json("to", List.of(ADDRESS), "subject", "Hi",
                "text", "Hello", "attachments", List.of(java.util.Map.of("filename", "a.txt", "contentType", "text/plain", "contentBase64", "YQ=="))),
                "Authorization", bearer), 201);
        fits("POST /api/v1/messages", http.send("POST", "/api/v1/messages", HttpCalls.json("to", List.of(ADDRESS), "subject", "Hi\r\nBcc: x@example.org"),
                "Authorization", bearer), 400);
        fits("GET /api/v1/contacts", http.get("/api/v1/contacts?q=" + ADDRESS.substring(0, 5), "Authorization", bearer), 200);
        fits("GET /api/v1/compose/start", http.get("/api/v1/compose/start?folder=INBOX&uid=" + uid + "&mode=reply", "Authorization", bearer), 200);
    }

    /** The organising operations (ADR 0018): answers of each status they document fit their schemas, a job included. */
    @Test
    void organisingResponsesFitTheDocumentedSchemas() throws Exception {
        String address = "organise-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        MAIL.createUser(address, PASSWORD);
        MAIL.seed(address, "INBOX", 3);
        MAIL.seed(address, "Many", 501);
        HttpCalls http = new HttpCalls(port);
        Reply signIn = http.send("POST", "/api/v1/sessions", HttpCalls.json("address", address, "password", PASSWORD));
        String bearer = "Bearer " + signIn.json().get("accessToken").asString();

        fits("POST /api/v1/folders", http.send("POST", "/api/v1/folders", HttpCalls.json("path", "Trash"), "Authorization", bearer), 201);
        fits("POST /api/v1/folders", http.send("POST", "/api/v1/folders", HttpCalls.json("path", "Later"), "Authorization", bearer), 201);
        fits("POST /api/v1/folders", http.send("POST", "/api/v1/folders", HttpCalls.json("path", "Later"), "Authorization", bearer), 409);
        fits("PATCH /api/v1/folders/{folder}", http.send("PATCH", "/api/v1/folders/Later", HttpCalls.json("subscribed", false),
                "Authorization", bearer), 200);
        long uid = http.get("/api/v1/folders/INBOX/messages", "Authorization", bearer).json().get("messages").get(0).get("uid").asLong();
        Reply moved = http.send("POST", "/api/v1/folders/INBOX/messages/" + uid + "/move", HttpCalls.json("to", "Later"), "Authorization", bearer);
        fits("POST /api/v1/folders/{folder}/messages/{uid}/move", moved, 200);
        fits("POST /api/v1/folders/{folder}/messages/{uid}/move", http.send("POST", "/api/v1/folders/INBOX/messages/" + uid + "/move",
                HttpCalls.json("copy", true), "Authorization", bearer), 400);
        fits("POST /api/v1/undo/{token}", http.send("POST", "/api/v1/undo/" + moved.json().get("undoToken").asString(), null,
                "Authorization", bearer), 200);
        fits("POST /api/v1/undo/{token}", http.send("POST", "/api/v1/undo/used", null, "Authorization", bearer), 404);
        uid = http.get("/api/v1/folders/INBOX/messages", "Authorization", bearer).json().get("messages").get(0).get("uid").asLong();
        fits("DELETE /api/v1/folders/{folder}/messages/{uid}", http.send("DELETE", "/api/v1/folders/INBOX/messages/" + uid, null,
                "Authorization", bearer), 200);
        fits("POST /api/v1/folders/{folder}/messages/actions", http.send("POST", "/api/v1/folders/INBOX/messages/actions",
                HttpCalls.json("action", "flag", "all", true), "Authorization", bearer), 200);
        Reply job = http.send("POST", "/api/v1/folders/Many/messages/actions", HttpCalls.json("action", "seen", "all", true), "Authorization", bearer);
        fits("POST /api/v1/folders/{folder}/messages/actions", job, 202);
        // every answer while the job runs, and its final one, fits the schema
        Await.until("the job to stop running", Duration.ofSeconds(60), () -> {
            Reply progress = http.get("/api/v1/jobs/" + job.json().get("id").asString(), "Authorization", bearer);
            fits("GET /api/v1/jobs/{id}", progress, 200);
            return progress.json().get("state").asString();
        }, state -> !state.equals("running"));
        fits("GET /api/v1/jobs/{id}", http.get("/api/v1/jobs/nope", "Authorization", bearer), 404);
        fits("POST /api/v1/folders/{folder}/empty", http.send("POST", "/api/v1/folders/Trash/empty", null, "Authorization", bearer), 200);
        fits("POST /api/v1/folders/{folder}/empty", http.send("POST", "/api/v1/folders/INBOX/empty", null, "Authorization", bearer), 400);
        fits("DELETE /api/v1/folders/{folder}", http.send("DELETE", "/api/v1/folders/INBOX", null, "Authorization", bearer), 409);
        assertThat(http.send("DELETE", "/api/v1/folders/Later", null, "Authorization", bearer).status()).isEqualTo(204);
    }

    /** The reply's status is documented for the operation, and its JSON body fits the schema documented for that status. */
    void fits(String operation, Reply reply, int expectedStatus) {
        assertThat(reply.status()).as("%s answered %s", operation, reply.body()).isEqualTo(expectedStatus);
        JsonNode op = documented().get(operation);
        assertThat(op).as(operation).isNotNull();
        JsonNode response = op.path("responses").get(Integer.toString(reply.status()));
        assertThat(response).as("%s documents status %s", operation, reply.status()).isNotNull();
        JsonNode content = OpenApiDocumentTest.resolve(doc, response).path("content");
        String type = String.valueOf(reply.header("Content-Type")).split(";")[0].strip();
        JsonNode media = content.get(type);
        assertThat(media).as("%s %s documents %s (documented: %s)", operation, reply.status(), type, content.propertyNames()).isNotNull();
        assertThat(new SchemaCheck(doc).problems(reply.json(), media.get("schema")))
                .as("%s %s body %s", operation, reply.status(), reply.body()).isEmpty();
    }

    @Test
    void theDocumentIsServedPubliclyAsJson() {
        Reply reply = new HttpCalls(port).get("/api/v1/openapi.json");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        JsonNode served = reply.json();
        assertThat(served.get("openapi").asString()).startsWith("3.1");
        assertThat(served.get("paths").propertyNames()).containsExactlyInAnyOrderElementsOf(doc.get("paths").propertyNames());
    }

    @Test
    void thePageListsEveryOperationWithoutInlineScriptOrStyle() {
        Reply page = new HttpCalls(port).get("/api/docs");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        String html = page.body();
        for (String key : documented().keySet()) {
            String[] methodAndPath = key.split(" ", 2);
            assertThat(html).as("the page shows %s", key)
                    .contains("data-method=\"" + methodAndPath[0] + "\" data-path=\"" + methodAndPath[1] + "\"");
        }
        assertThat(html).contains("id=\"schema-Message\"", "id=\"schema-Problem\"", "Archive%2F2024", "is:unread");
        Matcher scripts = SCRIPT_TAG.matcher(html);
        while (scripts.find()) assertThat(scripts.group(1)).as("every <script> has a src").contains("src=");
        assertThat(html).doesNotContainIgnoringCase("<style").doesNotContainIgnoringCase(" style=")
                .doesNotContainIgnoringCase(" onclick=").doesNotContainIgnoringCase(" onload=");
        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'", "style-src 'self'");
    }
}
