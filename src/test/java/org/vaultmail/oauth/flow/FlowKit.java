package org.vaultmail.oauth.flow;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.vaultmail.oauth.CompletedAuthorization;
import org.vaultmail.oauth.OAuthCallbackHandler;
import org.vaultmail.oauth.OAuthFailure;
import org.vaultmail.oauth.OAuthTestKit;
import org.vaultmail.oauth.StubProvider;
import org.vaultmail.testing.MutableClock;
import org.vaultmail.testing.TestDatabase;

/** The flow's parts on a test database against a {@link StubProvider}, with a handler that records what it is told. */
final class FlowKit implements AutoCloseable {

    static final String FLOW = "test-connect";

    /** Records the outcome; keeps completed authorizations open for the test to inspect (and closes them at the end). */
    static final class RecordingHandler implements OAuthCallbackHandler {
        final List<CompletedAuthorization> completed = Collections.synchronizedList(new ArrayList<>());
        final List<OAuthFailure> failed = Collections.synchronizedList(new ArrayList<>());
        volatile String completePath = "/settings/connected";

        @Override
        public String flow() {
            return FLOW;
        }

        @Override
        public String complete(CompletedAuthorization authorization, HttpServletRequest request, HttpServletResponse response) {
            completed.add(authorization);
            return completePath;
        }

        @Override
        public String failed(OAuthFailure failure, HttpServletRequest request, HttpServletResponse response) {
            failed.add(failure);
            return "/settings/failed?reason=" + failure.reason().name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A started flow: the URL to send the browser to and the browser's flow cookie. */
    record Started(URI authorizationUrl, Cookie cookie, MockHttpServletResponse response) {
    }

    final StubProvider stub = new StubProvider();
    final OAuthTestKit kit;
    final MutableClock clock = new MutableClock();
    final RecordingHandler handler = new RecordingHandler();
    final PendingRequests pending;
    final AuthorizationStarter starter;
    final CallbackProcessor processor;

    FlowKit(Path dir) {
        Map<String, String> properties = new HashMap<>(stub.properties("google", "google"));
        properties.putAll(stub.properties("microsoft", "microsoft"));
        kit = new OAuthTestKit(TestDatabase.Kind.H2, dir, properties);
        pending = new PendingRequests(kit.jdbc, kit.vault, clock);
        StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("handler", handler));
        CallbackHandlers handlers = new CallbackHandlers(beans.getBeanProvider(OAuthCallbackHandler.class));
        starter = new AuthorizationStarter(kit.providers, kit.registrations, pending, handlers, Duration.ofMinutes(10), clock);
        processor = new CallbackProcessor(kit.registrations, pending, handlers,
                new CodeExchange(kit.http, new IdTokenDecoders(kit.http, kit.registrations)), clock);
    }

    static MockHttpServletRequest browserRequest(String method, String path) {
        MockHttpServletRequest r = new MockHttpServletRequest(method, path);
        r.setScheme("https");
        r.setServerName("mail.example.test");
        r.setServerPort(443);
        r.setSecure(true);
        return r;
    }

    Started start(String provider, org.vaultmail.oauth.OAuthPurpose purpose, String loginHint) {
        MockHttpServletRequest request = browserRequest("POST", "/settings/connect");
        MockHttpServletResponse response = new MockHttpServletResponse();
        URI url = starter.start(provider, purpose, FLOW, Map.of("draft", "42"), loginHint, request, response);
        String header = response.getHeader("Set-Cookie");
        String value = header.substring(header.indexOf('=') + 1, header.indexOf(';'));
        return new Started(url, new Cookie(FlowCookie.NAME, value), response);
    }

    /** The browser follows the provider's redirect to {@code callback}, with {@code cookies}. */
    CallbackProcessor.Outcome callback(URI callback, Cookie... cookies) {
        String path = callback.getRawPath();
        String registrationId = path.substring(path.lastIndexOf('/') + 1);
        Map<String, String> q = StubProvider.query(callback.getRawQuery());
        MockHttpServletRequest request = browserRequest("GET", path);
        if (cookies.length > 0) request.setCookies(cookies);
        return processor.process(registrationId, q.get("state"), q.get("code"), q.get("error"), request, new MockHttpServletResponse());
    }

    @Override
    public void close() {
        handler.completed.forEach(CompletedAuthorization::close);
        stub.close();
        kit.close();
    }
}
