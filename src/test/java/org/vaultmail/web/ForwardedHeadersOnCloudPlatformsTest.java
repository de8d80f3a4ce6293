package org.vaultmail.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaultmail.AppProcess;
import org.vaultmail.testing.GreenMailFixture;

/**
 * Issue 12, item 9: only {@code vaultmail.web.trusted-proxies} decides who may set {@code X-Forwarded-*}, also where
 * Spring Boot detects a cloud platform (Kubernetes: {@code KUBERNETES_SERVICE_HOST}/{@code _PORT} set), which would
 * otherwise switch on Tomcat's own forwarded-header handling and believe any loopback or private-network peer.
 */
class ForwardedHeadersOnCloudPlatformsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    static final GreenMailFixture MAIL = GreenMailFixture.start();

    @TempDir
    Path dir;

    @AfterAll
    static void stop() {
        MAIL.close();
    }

    @Test
    void onKubernetesAForwardedForFromAnUntrustedClientIsNotTheSessionsClientAddress() {
        String address = "k8s-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        MAIL.createUser(address, "pw");

        AppProcess.Result result = AppProcess.run(TIMEOUT,
                Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1", "KUBERNETES_SERVICE_PORT", "443"),
                serve(address, "--spring.main.sources=" + ForwardedHeadersProbe.class.getName()));

        assertThat(result.output()).contains("probe.cloud-platform=KUBERNETES\n")
                .contains("probe.signin=201\n")
                .contains("probe.hsts=false\n")
                .contains("probe.client-address=127.0.0.1\n")
                .doesNotContain(ForwardedHeadersProbe.FORGED);
    }

    @Test
    void startUpRefusesAForwardHeadersStrategyOtherThanNone() {
        for (String strategy : List.of("native", "framework")) {
            AppProcess.Result result = AppProcess.run(TIMEOUT, Map.of(),
                    serve("nobody@example.test", "--server.forward-headers-strategy=" + strategy));

            assertThat(result.exitCode()).as(strategy).isNotZero();
            assertThat(result.output()).as(strategy).contains("server.forward-headers-strategy")
                    .contains("vaultmail.web.trusted-proxies");
        }
    }

    private String[] serve(String address, String... extra) {
        List<String> args = new ArrayList<>(List.of("serve", "--port", "0", "--data-dir", dir.resolve("data").toString(),
                "--vaultmail.probe-address=" + address, "--vaultmail.probe-password=pw", "--vaultmail.scheduling.enabled=false"));
        MAIL.domainProperties(0, "example.test").forEach((k, v) -> args.add("--" + k + "=" + v));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }
}
