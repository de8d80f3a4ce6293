package org.vaultmail.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.vaultmail.account.MailDomainsProperties;
import org.vaultmail.account.MailDomainsProperties.Security;
import org.vaultmail.account.MailServerDirectory;
import org.vaultmail.account.MailServers;

class DemoDomainTest {

    @Test
    void demoDomainIsAddedAfterTheOperatorsDomains() {
        StandardEnvironment env = environment(Map.of(
                "vaultmail.domains[0].domain", "example.org",
                "vaultmail.domains[0].imap.host", "imap.example.org",
                "vaultmail.domains[0].smtp.host", "smtp.example.org",
                "vaultmail.domains[0].trust-store-password", "${TRUST_PW:changeit}"));

        assertThat(DemoDomain.append(env, 41143, 41025)).isTrue();

        MailServerDirectory directory = directory(env);
        assertThat(directory.all()).hasSize(2);
        assertThat(directory.forAddress("someone@example.org").orElseThrow().imap().host()).isEqualTo("imap.example.org");
        MailServers demo = directory.forAddress("alice@demo.test").orElseThrow();
        assertThat(demo.imap().port()).isEqualTo(41143);
        assertThat(demo.smtp().port()).isEqualTo(41025);
        assertThat(demo.imap().security()).isEqualTo(Security.PLAIN);
        assertThat(bind(env).domains().getFirst().trustStorePassword()).isEqualTo("changeit");
    }

    @Test
    void demoDomainIsTheOnlyOneWithoutOperatorDomains() {
        StandardEnvironment env = environment(Map.of("vaultmail.domains", ""));

        DemoDomain.append(env, 3143, 3025);

        assertThat(directory(env).all()).singleElement().satisfies(s -> assertThat(s.domain()).isEqualTo("demo.test"));
    }

    @Test
    void operatorsOwnMappingOfDemoTestIsKept() {
        StandardEnvironment env = environment(Map.of(
                "vaultmail.domains[0].domain", "demo.test",
                "vaultmail.domains[0].imap.host", "127.0.0.1",
                "vaultmail.domains[0].imap.port", "9143",
                "vaultmail.domains[0].imap.security", "plain",
                "vaultmail.domains[0].smtp.host", "127.0.0.1",
                "vaultmail.domains[0].smtp.security", "plain"));

        assertThat(DemoDomain.append(env, 3143, 3025)).isFalse();

        assertThat(directory(env).forAddress("alice@demo.test").orElseThrow().imap().port()).isEqualTo(9143);
    }

    private static StandardEnvironment environment(Map<String, Object> operator) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("operator", operator));
        return env;
    }

    private static MailDomainsProperties bind(StandardEnvironment env) {
        return Binder.get(env).bindOrCreate("vaultmail", MailDomainsProperties.class);
    }

    private static MailServerDirectory directory(StandardEnvironment env) {
        return new MailServerDirectory(bind(env));
    }
}
