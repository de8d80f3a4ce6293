package org.vaultmail.oauth.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.vaultmail.oauth.OAuthProvider;
import org.vaultmail.oauth.OAuthProviders;
import org.vaultmail.oauth.OAuthPurpose;
import org.vaultmail.oauth.ProviderKind;

/**
 * The providers from {@link OAuthProperties}, checked at start: a mistake (unknown kind, a purpose the kind does not
 * offer, a generic provider without endpoints or mail scopes, a domain claimed twice) stops Vaultmail with the key
 * to fix, rather than failing at the first click.
 */
public final class ConfiguredProviders implements OAuthProviders {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private final Map<String, OAuthProvider> byId;
    private final Map<String, OAuthProvider> byDomain;
    private final Map<String, Path> secretFiles;

    private ConfiguredProviders(Map<String, OAuthProvider> byId, Map<String, Path> secretFiles) {
        this.byId = byId;
        this.secretFiles = secretFiles;
        Map<String, OAuthProvider> domains = new HashMap<>();
        for (OAuthProvider p : byId.values()) {
            for (String d : p.domains()) {
                OAuthProvider before = domains.putIfAbsent(d, p);
                if (before != null) {
                    throw invalid(p.id(), "domains", "domain " + d + " is already signed in with provider " + before.id());
                }
            }
        }
        this.byDomain = Map.copyOf(domains);
    }

    public static ConfiguredProviders of(OAuthProperties properties) {
        Map<String, OAuthProvider> byId = new LinkedHashMap<>();
        Map<String, Path> files = new LinkedHashMap<>();
        for (var e : new TreeMap<>(properties.providers()).entrySet()) {
            String id = e.getKey();
            if (!ID.matcher(id).matches()) {
                throw new IllegalStateException("vaultmail.oauth.providers." + id
                        + ": a provider id is 1–40 lower-case letters, digits and dashes");
            }
            OAuthProperties.Provider p = e.getValue();
            if (p.clientSecretFile() == null) throw invalid(id, "client-secret-file", "is required");
            byId.put(id, provider(id, p));
            files.put(id, p.clientSecretFile());
        }
        return new ConfiguredProviders(byId, files);
    }

    /** The secret files, for {@link ClientSecrets#read}. */
    Map<String, Path> secretFiles() {
        return secretFiles;
    }

    @Override
    public List<OAuthProvider> all() {
        return List.copyOf(byId.values());
    }

    @Override
    public Optional<OAuthProvider> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public Optional<OAuthProvider> forDomain(String domain) {
        return Optional.ofNullable(byDomain.get(domain.toLowerCase(Locale.ROOT)));
    }

    private static OAuthProvider provider(String id, OAuthProperties.Provider p) {
        ProviderKind kind = kind(id, p.kind());
        ProviderDefaults d = ProviderDefaults.of(kind, p.tenant());
        if (p.tenant() != null && kind != ProviderKind.MICROSOFT) throw invalid(id, "tenant", "is for kind microsoft only");
        String clientId = p.clientId();
        if (clientId == null || clientId.isBlank()) throw invalid(id, "client-id", "is required");
        List<String> mailScopes = p.mailScopes() == null ? List.of() : p.mailScopes().stream().map(String::strip).toList();
        if (kind == ProviderKind.GENERIC && mailScopes.isEmpty()) {
            throw invalid(id, "mail-scopes", "is required for kind generic (the scopes its IMAP/SMTP servers accept)");
        }
        if (kind != ProviderKind.GENERIC && !mailScopes.isEmpty()) {
            throw invalid(id, "mail-scopes", "is for kind generic only (Google's and Microsoft's scopes are fixed)");
        }
        Set<OAuthPurpose> purposes = purposes(id, p.purposes(), d.purposes());
        List<String> domains = p.domains() == null ? List.of()
                : p.domains().stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).distinct().toList();
        String issuer = required(id, "issuer", p.issuer(), d.issuer());
        return new OAuthProvider(id, kind, p.displayName() == null || p.displayName().isBlank() ? d.displayName() : p.displayName().strip(),
                clientId.strip(), uri(id, "authorization-uri", required(id, "authorization-uri", p.authorizationUri(), d.authorizationUri())),
                uri(id, "token-uri", required(id, "token-uri", p.tokenUri(), d.tokenUri())),
                uri(id, "jwk-set-uri", required(id, "jwk-set-uri", p.jwkSetUri(), d.jwkSetUri())), issuer,
                optionalUri(id, "revocation-uri", p.revocationUri(), d.revocationUri()),
                optionalUri(id, "send-api-base", p.sendApiBase(), d.sendApiBase()), domains, mailScopes, purposes);
    }

    private static ProviderKind kind(String id, @Nullable String kind) {
        if (kind == null) throw invalid(id, "kind", "is required (google, microsoft or generic)");
        return switch (kind.strip().toLowerCase(Locale.ROOT)) {
            case "google" -> ProviderKind.GOOGLE;
            case "microsoft" -> ProviderKind.MICROSOFT;
            case "generic" -> ProviderKind.GENERIC;
            default -> throw invalid(id, "kind", "must be google, microsoft or generic, not '" + kind + "'");
        };
    }

    private static Set<OAuthPurpose> purposes(String id, @Nullable List<String> configured, Set<OAuthPurpose> supported) {
        if (configured == null || configured.isEmpty()) return Set.copyOf(supported);
        Set<OAuthPurpose> out = EnumSet.noneOf(OAuthPurpose.class);
        List<String> unknown = new ArrayList<>();
        for (String label : configured) {
            Optional<OAuthPurpose> purpose = java.util.Arrays.stream(OAuthPurpose.values())
                    .filter(x -> x.label().equals(label.strip().toLowerCase(Locale.ROOT).replace('_', '-'))).findFirst();
            if (purpose.isEmpty()) unknown.add(label);
            else if (!supported.contains(purpose.get())) throw invalid(id, "purposes", "this kind does not offer " + label);
            else out.add(purpose.get());
        }
        if (!unknown.isEmpty()) throw invalid(id, "purposes", "unknown " + unknown + " (send, mail, migration-source)");
        return Set.copyOf(out);
    }

    private static String required(String id, String key, @Nullable String configured, @Nullable String fallback) {
        String value = configured != null && !configured.isBlank() ? configured.strip() : fallback;
        if (value == null) throw invalid(id, key, "is required for kind generic");
        return value;
    }

    private static URI uri(String id, String key, String value) {
        try {
            URI uri = URI.create(value);
            if (!"https".equals(uri.getScheme()) && !loopbackHttp(uri)) {
                throw invalid(id, key, "must be an https URL (http only on the loopback interface)");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw invalid(id, key, "is not a URL");
        }
    }

    private static @Nullable URI optionalUri(String id, String key, @Nullable String configured, @Nullable String fallback) {
        if (configured != null && configured.strip().equalsIgnoreCase("none")) return null;
        String value = configured != null && !configured.isBlank() ? configured.strip() : fallback;
        return value == null ? null : uri(id, key, value);
    }

    private static boolean loopbackHttp(URI uri) {
        return "http".equals(uri.getScheme())
                && ("127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost()) || "[::1]".equals(uri.getHost()));
    }

    private static IllegalStateException invalid(String id, String key, String problem) {
        return new IllegalStateException("vaultmail.oauth.providers." + id + "." + key + " " + problem);
    }

    @Override
    public String toString() {
        return "ConfiguredProviders" + byId.keySet();
    }
}
