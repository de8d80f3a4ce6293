package org.vaultmail.auth.session;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.function.Supplier;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;

/**
 * Access tokens: HS256 JWTs with a {@code kid}, claims {@code sub} (user id), {@code sid} (session
 * id), {@code iat}, {@code exp}, {@code jti}, and for API clients {@code usk}, the unseal secret
 * sealed by the vault (ADR 0004). Verification accepts only HS256 with a known kid, unexpired.
 */
public final class AccessTokens {

    static final String ISSUER = "vaultmail";

    /** What a valid token says. {@code sealedUnseal} is the vault-sealed unseal secret of an API token. */
    record Claims(long userId, String sessionId, Instant expiresAt, @Nullable String sealedUnseal) {
    }

    private final SigningKeys keys;
    private final Clock clock;
    private final Supplier<Duration> ttl;

    /** {@code ttl} is read for each token minted: a changed policy applies to the next token (ADR 0022). */
    AccessTokens(SigningKeys keys, Clock clock, Supplier<Duration> ttl) {
        this.keys = keys;
        this.clock = clock;
        this.ttl = ttl;
    }

    Duration ttl() {
        return ttl.get();
    }

    String mint(long userId, String sessionId, @Nullable String sealedUnseal) {
        SigningKeys.Key key = keys.current();
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(Long.toString(userId))
                .claim("sid", sessionId)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl())))
                .jwtID(Randoms.text(Randoms.bytes(16)));
        if (sealedUnseal != null) claims.claim("usk", sealedUnseal);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.kid()).type(JOSEObjectType.JWT).build(),
                claims.build());
        try {
            jwt.sign(new MACSigner(key.secret()));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign an access token: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }

    /** The claims of a genuine, unexpired token; empty for anything else (tampered, unknown kid, other alg, none, expired). */
    Optional<Claims> verify(@Nullable String token) {
        if (token == null || token.length() > 4096) return Optional.empty();
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || jwt.getHeader().getKeyID() == null) {
                return Optional.empty();
            }
            SigningKeys.Key key = keys.find(jwt.getHeader().getKeyID());
            if (key == null || !jwt.verify(new MACVerifier(key.secret()))) return Optional.empty();
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date exp = claims.getExpirationTime();
            Object sid = claims.getClaim("sid");
            Object usk = claims.getClaim("usk");
            if (exp == null || !exp.toInstant().isAfter(clock.instant()) || !ISSUER.equals(claims.getIssuer())
                    || claims.getSubject() == null || !(sid instanceof String sessionId)) {
                return Optional.empty();
            }
            return Optional.of(new Claims(Long.parseLong(claims.getSubject()), sessionId, exp.toInstant(),
                    usk instanceof String s ? s : null));
        } catch (ParseException | JOSEException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
