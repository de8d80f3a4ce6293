package org.vaultmail.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Added with {@code --spring.main.sources=org.vaultmail.web.ForwardedHeadersProbe} to a real {@code serve} in a
 * child JVM: sends forwarded headers from loopback (not a trusted proxy) and prints what the server made of them
 * (HSTS means it believed {@code X-Forwarded-Proto}; the session's client address shows what it made of
 * {@code X-Forwarded-For}), then exits. Not a {@code @Component}, so no other test's scanning picks it up.
 */
public class ForwardedHeadersProbe implements ApplicationRunner {

    static final String FORGED = "203.0.113.77";

    private final ConfigurableApplicationContext context;

    public ForwardedHeadersProbe(ConfigurableApplicationContext context) {
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        Environment env = context.getEnvironment();
        String base = "http://127.0.0.1:" + env.getProperty("local.server.port");
        StringBuilder out = new StringBuilder();
        out.append("probe.cloud-platform=").append(org.springframework.boot.cloud.CloudPlatform.getActive(env)).append('\n');
        JsonMapper json = JsonMapper.builder().build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/signin"))
                    .header("X-Forwarded-Proto", "https").header("X-Forwarded-For", FORGED).build(),
                    HttpResponse.BodyHandlers.ofString());
            out.append("probe.hsts=").append(page.headers().firstValue("Strict-Transport-Security").isPresent()).append('\n');
            String body = "{\"address\":\"" + env.getProperty("vaultmail.probe-address") + "\",\"password\":\""
                    + env.getProperty("vaultmail.probe-password") + "\"}";
            HttpResponse<String> signIn = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/sessions"))
                    .header("Content-Type", "application/json").header("X-Forwarded-For", FORGED)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            out.append("probe.signin=").append(signIn.statusCode()).append('\n');
            if (signIn.statusCode() == 201) {
                String token = json.readTree(signIn.body()).get("accessToken").asString();
                HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/sessions"))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
                JsonNode first = json.readTree(list.body()).get(0);
                out.append("probe.client-address=").append(first.get("clientAddress").asString()).append('\n');
            }
        }
        System.out.print(out);
        System.out.flush();
        System.exit(SpringApplication.exit(context));
    }
}
