package org.vaultmail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.vaultmail.account.MailServerDirectory;

/**
 * Added with {@code --spring.main.sources=org.vaultmail.StartupProbe} to a real {@code serve} in a child
 * JVM: prints what configuration took effect, fetches the front page over the port, then exits.
 * Not a {@code @Component}, so other tests' component scanning never picks it up.
 */
public class StartupProbe implements ApplicationRunner {

    private final ConfigurableApplicationContext context;

    public StartupProbe(ConfigurableApplicationContext context) {
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        Environment env = context.getEnvironment();
        String port = env.getProperty("local.server.port");
        StringBuilder out = new StringBuilder();
        out.append("probe.port=").append(port).append('\n');
        out.append("probe.data-dir=").append(context.getBean(DataDirectory.class).path()).append('\n');
        out.append("probe.domains=").append(context.getBean(MailServerDirectory.class).all().stream()
                .map(s -> s.domain() + "/" + s.imap()).toList()).append('\n');
        out.append("probe.db-pool-size=").append(env.getProperty("vaultmail.db.pool-size")).append('\n');
        out.append("probe.logging-format=").append(env.getProperty("vaultmail.logging.format")).append('\n');
        String file = System.getenv("VAULTMAIL_DB_PASSWORD_FILE");
        if (file != null) {
            String expected = java.nio.file.Files.readString(java.nio.file.Path.of(file)).strip();
            out.append("probe.db-password-from-file=").append(expected.equals(env.getProperty("vaultmail.db.password")))
                    .append('\n');
        }
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> home = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            out.append("probe.home=").append(home.statusCode()).append(' ')
                    .append(home.body().contains("Vaultmail")).append('\n');
        }
        System.out.print(out);
        System.out.flush();
        System.exit(SpringApplication.exit(context));
    }
}
