package org.vaultmail.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.auth.AuthAppTestSupport;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.HttpCalls.Reply;
import tools.jackson.databind.JsonNode;

/** Real answers of {@code /api/v1/api-keys} fit the OpenAPI document (issue 13 item 2). */
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(AuthAppTestSupport.ClockConfig.class)
class ApiKeysSchemaTest extends AuthAppTestSupport {

    @DynamicPropertySource
    static void noSecondFactor(DynamicPropertyRegistry registry) {
        registry.add("vaultmail.gateway.api-keys.require-second-factor", () -> "false");
    }

    final JsonNode doc = ApiDocument.read();

    @Test
    void apiKeyAnswersFitTheDocumentedSchemas() {
        String me = bearer(signIn(newUser("pw"), "pw").json().get("accessToken").asString());
        Reply created = http().send("POST", "/api/v1/api-keys", HttpCalls.json("name", "docs", "scopes", List.of("send")), "Authorization", me);
        fits("post", "/api/v1/api-keys", created, 201);
        fits("post", "/api/v1/api-keys", http().send("POST", "/api/v1/api-keys", HttpCalls.json("name", "", "scopes", List.of("send")),
                "Authorization", me), 400);
        fits("get", "/api/v1/api-keys", http().get("/api/v1/api-keys", "Authorization", me), 200);
        Reply revoked = http().send("DELETE", "/api/v1/api-keys/" + created.json().get("id").asLong(), null, "Authorization", me);
        assertThat(revoked.status()).isEqualTo(204);
        fits("delete", "/api/v1/api-keys/{id}", http().send("DELETE", "/api/v1/api-keys/" + created.json().get("id").asLong(), null,
                "Authorization", me), 404);
    }

    private void fits(String method, String path, Reply reply, int status) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        JsonNode response = OpenApiDocumentTest.resolve(doc, doc.get("paths").get(path).get(method).get("responses").get(Integer.toString(status)));
        String type = String.valueOf(reply.header("Content-Type")).split(";")[0].strip();
        JsonNode media = response.path("content").get(type);
        assertThat(media).as("%s %s %s documents %s", method, path, status, type).isNotNull();
        assertThat(new SchemaCheck(doc).problems(reply.json(), media.get("schema"))).as(reply.body()).isEmpty();
    }
}
