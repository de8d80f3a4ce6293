package org.vaultmail.gateway.apikeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.vaultmail.auth.AuthAppTestSupport;
import org.vaultmail.gateway.GatewayPolicies;
import org.vaultmail.gateway.GatewayPolicy;
import org.vaultmail.gateway.GatewayProperties;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.HttpCalls.Reply;

/** The app with a settable gateway policy and the grant probe; helpers to sign in, create keys and use them. */
abstract class ApiKeysAppTestSupport extends AuthAppTestSupport {

    /** A gateway policy the test changes (the console's stored policy, in short). */
    static final class MutablePolicies implements GatewayPolicies {
        final AtomicReference<GatewayPolicy> policy;

        MutablePolicies(GatewayProperties properties) {
            policy = new AtomicReference<>(GatewayPolicy.of(properties));
        }

        @Override
        public GatewayPolicy current() {
            return policy.get();
        }

        void requireSecondFactor(boolean required) {
            GatewayPolicy p = policy.get();
            policy.set(new GatewayPolicy(p.maxMailboxesPerUser(), p.disabledDomains(), required, p.apiKeyMaxLifetime(),
                    p.sendPerMinute(), p.sendPerDay(), p.domainSendLimits()));
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Policies {
        @Bean
        @Primary
        MutablePolicies mutableGatewayPolicies(GatewayProperties properties) {
            return new MutablePolicies(properties);
        }
    }

    static String json(Object... keyValues) {
        return HttpCalls.json(keyValues);
    }

    /** Signs in through the API; returns the bearer header value. */
    String session(String address, String password) {
        Reply reply = signIn(address, password);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return bearer(reply.json().get("accessToken").asString());
    }

    Reply create(String session, String body) {
        return http().send("POST", "/api/v1/api-keys", body, "Authorization", session);
    }

    /** A new key with {@code scopes} for all mailboxes; returns the 201 body. */
    tools.jackson.databind.JsonNode newKey(String session, String name, String... scopes) {
        Reply reply = create(session, json("name", name, "scopes", java.util.List.of(scopes)));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json();
    }

    Reply use(String key) {
        return http().get(GrantProbe.PATH, "Authorization", "Bearer " + key);
    }

    static long userId(JdbcClient jdbc, String address) {
        return jdbc.sql("SELECT id FROM users WHERE address = ?").param(address).query(Long.class).single();
    }

    /** A connected mailbox row, as the mailboxes feature would write it (without credentials). */
    static long connectedMailbox(JdbcClient jdbc, long userId, String address) {
        var now = Instant.now().atOffset(ZoneOffset.UTC);
        jdbc.sql("""
                INSERT INTO connected_mailboxes (user_id, address, kind, state, created_at, credentials_set_at, state_changed_at)
                VALUES (?, ?, 'shared', 'connected', ?, ?, ?)""").params(userId, address, now, now, now).update();
        return jdbc.sql("SELECT id FROM connected_mailboxes WHERE user_id = ? AND address = ?").params(userId, address)
                .query(Long.class).single();
    }

    /** The session's sign-in (and any re-authentication) moved {@code ago} into the past. */
    void ageSession(JdbcClient jdbc, long userId, Duration ago) {
        var then = clock.instant().minus(ago).atOffset(ZoneOffset.UTC);
        jdbc.sql("UPDATE sessions SET created_at = ?, reauthenticated_at = NULL WHERE user_id = ?").params(then, userId).update();
    }
}
