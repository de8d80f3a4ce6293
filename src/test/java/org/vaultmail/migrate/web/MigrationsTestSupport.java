package org.vaultmail.migrate.web;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.auth.AuthAppTestSupport;
import org.vaultmail.testing.HttpCalls;
import tools.jackson.databind.JsonNode;

/**
 * The whole app on H2 with GreenMail serving {@code example.test}, and {@link InMemoryMigrationJobs} as the jobs
 * service and the sources (primary: it wins over the real ones once they are merged), progress streams ticking fast.
 */
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({AuthAppTestSupport.ClockConfig.class, MigrationsTestSupport.Fakes.class})
abstract class MigrationsTestSupport extends AuthAppTestSupport {

    @DynamicPropertySource
    static void migrationProperties(DynamicPropertyRegistry registry) {
        registry.add("vaultmail.migrate.stream.interval", () -> "200ms");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Fakes {
        @Bean
        @Primary
        InMemoryMigrationJobs inMemoryMigrationJobs() {
            return new InMemoryMigrationJobs();
        }
    }

    /** A signed-in user whose session's password the fake expects for the destination: {address, bearer header}. */
    String[] signedIn(InMemoryMigrationJobs jobs) {
        String password = "own-" + java.util.UUID.randomUUID();
        String address = newUser(password);
        jobs.expectDestinationPassword(address, password);
        String token = signIn(address, password).json().get("accessToken").asString();
        return new String[] {address, bearer(token), password};
    }

    HttpCalls.Reply create(String bearer, String server, String login, String password, String options) {
        String body = "{\"source\":{\"server\":" + quote(server) + ",\"login\":" + quote(login) + ",\"password\":"
                + quote(password) + "}" + (options == null ? "" : ",\"options\":" + options) + "}";
        return http().send("POST", "/api/v1/migrations", body, "Authorization", bearer);
    }

    static String quote(String s) {
        return HttpCalls.json("v", s).replaceFirst("^\\{\"v\":", "").replaceFirst("}$", "");
    }

    /** Every field name anywhere in a JSON tree, lower-cased. */
    static List<String> fieldNames(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                out.add(e.getKey().toLowerCase(java.util.Locale.ROOT));
                out.addAll(fieldNames(e.getValue()));
            }
        } else if (node.isArray()) {
            for (JsonNode n : node) out.addAll(fieldNames(n));
        }
        return out;
    }
}
