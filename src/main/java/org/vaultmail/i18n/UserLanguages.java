package org.vaultmail.i18n;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The language each user chose ({@code users.language}, V57), read on every page: cached for a minute per user, so
 * another node sees a change within that minute, this node at once.
 */
@Component
public class UserLanguages {

    private final JdbcClient jdbc;
    private final Cache<Long, Optional<Locale>> chosen = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(1)).build();

    UserLanguages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The language the user chose, or empty for "as the browser asks". */
    public Optional<Locale> chosen(long userId) {
        return chosen.get(userId, id -> jdbc.sql("SELECT language FROM users WHERE id = ?").param(id)
                .query((rs, n) -> Optional.ofNullable(rs.getString(1))).optional().flatMap(o -> o)
                .flatMap(Languages::supported));
    }

    /** Stores the choice; {@code null} (or an unsupported language) goes back to the browser's. */
    public void choose(long userId, @Nullable Locale language) {
        Optional<Locale> supported = language == null ? Optional.empty() : Languages.supported(language.toLanguageTag());
        jdbc.sql("UPDATE users SET language = ? WHERE id = ?")
                .params(supported.map(Locale::getLanguage).orElse(null), userId).update();
        chosen.invalidate(userId);
    }
}
