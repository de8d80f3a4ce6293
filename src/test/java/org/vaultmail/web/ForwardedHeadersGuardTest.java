package org.vaultmail.web;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.catalina.valves.RemoteIpValve;
import org.junit.jupiter.api.Test;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.mock.env.MockEnvironment;

/** Issue 12, item 9: nothing but {@code vaultmail.web.trusted-proxies} may turn on forwarded-header handling. */
class ForwardedHeadersGuardTest {

    @Test
    void noneOrUnsetIsAccepted() {
        assertThatCode(() -> new ForwardedHeadersGuard(new MockEnvironment())).doesNotThrowAnyException();
        assertThatCode(() -> new ForwardedHeadersGuard(new MockEnvironment()
                .withProperty(ForwardedHeadersGuard.PROPERTY, "NONE"))).doesNotThrowAnyException();
    }

    @Test
    void nativeAndFrameworkAreRefusedNamingTheTrustedProxiesSetting() {
        for (String strategy : new String[] {"native", "FRAMEWORK"}) {
            assertThatThrownBy(() -> new ForwardedHeadersGuard(new MockEnvironment()
                    .withProperty(ForwardedHeadersGuard.PROPERTY, strategy)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("vaultmail.web.trusted-proxies");
        }
    }

    @Test
    void aRemoteIpValveAddedByAnythingElseIsRefused() {
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
        factory.addEngineValves(new RemoteIpValve());

        assertThatThrownBy(() -> new ForwardedHeadersGuard(new MockEnvironment()).customize(factory))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("RemoteIpValve");
    }
}
