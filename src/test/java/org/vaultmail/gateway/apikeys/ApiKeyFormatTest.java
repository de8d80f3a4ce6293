package org.vaultmail.gateway.apikeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;

/** The key format (ADR 0036): what is refused by its form alone, before any database lookup. */
class ApiKeyFormatTest {

    @Test
    void generatedKeysParseAndCarryAtLeast160RandomBits() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String key = ApiKeyFormat.generate().reveal();
            assertThat(key).startsWith("vmk_").hasSize(40).matches("vmk_[0-9A-Za-z]{36}");
            assertThat(ApiKeyFormat.wellFormed(key)).as(key).isTrue();
            assertThat(seen.add(key)).isTrue();
        }
        double bits = ApiKeyFormat.RANDOM_CHARS * (Math.log(ApiKeyFormat.ALPHABET.length()) / Math.log(2));
        assertThat(bits).isGreaterThanOrEqualTo(160);
        assertThat(ApiKeyFormat.ALPHABET).hasSize(62);
    }

    @Test
    void everySingleCharacterChangeIsRefused() {
        String key = ApiKeyFormat.generate().reveal();
        String alphabet = ApiKeyFormat.ALPHABET + "_-+/=. é";
        int tried = 0;
        for (int i = 0; i < key.length(); i++) {
            for (char c : alphabet.toCharArray()) {
                if (c == key.charAt(i)) continue;
                String mutated = key.substring(0, i) + c + key.substring(i + 1);
                assertThat(ApiKeyFormat.wellFormed(mutated)).as("position %d to %s", i, c).isFalse();
                tried++;
            }
        }
        assertThat(tried).isGreaterThan(2000);
    }

    @Test
    void everyTruncationAndExtensionIsRefused() {
        String key = ApiKeyFormat.generate().reveal();
        for (int n = 0; n < key.length(); n++) {
            assertThat(ApiKeyFormat.wellFormed(key.substring(0, n))).isFalse();
            assertThat(ApiKeyFormat.wellFormed(key.substring(key.length() - n))).isFalse();
        }
        assertThat(ApiKeyFormat.wellFormed(key + "0")).isFalse();
        assertThat(ApiKeyFormat.wellFormed(" " + key)).isFalse();
    }

    @Test
    void storedFormsAreTheDigestAndAShortPrefix() {
        ApiKeySecret key = ApiKeyFormat.generate();
        assertThat(key.digest()).hasSize(64).matches("[0-9a-f]{64}").doesNotContain(key.reveal().substring(4, 20));
        assertThat(key.prefix()).isEqualTo(key.reveal().substring(0, 10));
        assertThat(key.toString()).isEqualTo("[PROTECTED]").doesNotContain(key.reveal());
    }

    @Test
    void aWrongChecksumIsRefusedWithoutAnyDatabaseQuery() {
        AtomicInteger connections = new AtomicInteger();
        ApiKeyStore store = new ApiKeyStore(JdbcClient.create(countingDataSource(connections)));
        ApiKeyCredentials credentials = new ApiKeyCredentials(store, new ApiKeyUses(store, e -> { }, Clock.systemUTC()), Clock.systemUTC());
        String key = ApiKeyFormat.generate().reveal();
        char last = key.charAt(key.length() - 1);
        String badChecksum = key.substring(0, key.length() - 1) + (last == 'a' ? 'b' : 'a');
        String badRandom = key.substring(0, 10) + (key.charAt(10) == 'a' ? 'b' : 'a') + key.substring(11);

        for (String refused : new String[] {badChecksum, badRandom, key.substring(0, 39), "vmk_", "vmk_" + "x".repeat(36)}) {
            assertThat(credentials.authenticate(refused, new MockHttpServletRequest())).isEmpty();
        }
        assertThat(connections).hasValue(0);

        // a well-formed key is looked up: the counter does count (the fake database then fails)
        assertThatThrownBy(() -> credentials.authenticate(key, new MockHttpServletRequest())).isNotNull();
        assertThat(connections).hasValue(1);
    }

    private static DataSource countingDataSource(AtomicInteger connections) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getConnection" -> {
                        connections.incrementAndGet();
                        throw new java.sql.SQLException("no database in this test");
                    }
                    case "getLogWriter" -> (PrintWriter) null;
                    case "getParentLogger" -> Logger.getGlobal();
                    case "unwrap" -> null;
                    case "isWrapperFor" -> false;
                    case "toString" -> "counting data source";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

}
