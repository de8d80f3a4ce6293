package org.vaultmail.bench;

import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * A signed-in API client: {@code POST /api/v1/sessions}, then requests with the bearer token, refreshed
 * ({@code POST /api/v1/sessions/refresh}) before it expires so long runs never see a 401. Tokens stay in
 * this object; nothing here prints them.
 */
final class ApiSession {

    private final Http http;
    private final String address;
    private String accessToken;
    private String refreshToken;
    private long refreshAt;
    private int refreshes;

    private ApiSession(Http http, String address, JsonNode tokens) {
        this.http = http;
        this.address = address;
        this.accessToken = "";
        this.refreshToken = "";
        take(tokens);
    }

    /** Signs in; a refusal fails with the status and the problem's title (never the password). */
    static ApiSession signIn(Http http, String address, String password) {
        Http.Reply reply = http.postJson("/api/v1/sessions", Map.of("address", address, "password", password));
        if (reply.status() != 201) {
            throw new IllegalStateException("sign-in as " + address + ": HTTP " + reply.status() + " " + title(reply));
        }
        return new ApiSession(http, address, reply.json());
    }

    /** A timed GET with the bearer token (the refresh, when due, happens before the timer starts). */
    Http.Reply get(String path) {
        if (System.nanoTime() > refreshAt) refresh();
        return http.get(path, "Authorization", "Bearer " + accessToken, "Accept", "application/json");
    }

    /** The same GET through the minimal client (same token, same refresh rule). */
    Http.Reply get(RawHttp raw, String path) {
        if (System.nanoTime() > refreshAt) refresh();
        return raw.get(path, "Authorization", "Bearer " + accessToken, "Accept", "application/json");
    }

    String address() {
        return address;
    }

    int refreshes() {
        return refreshes;
    }

    private void refresh() {
        Http.Reply reply = http.postJson("/api/v1/sessions/refresh", Map.of("refreshToken", refreshToken));
        if (reply.status() != 200) {
            throw new IllegalStateException("refresh for " + address + ": HTTP " + reply.status() + " " + title(reply));
        }
        take(reply.json());
        refreshes++;
    }

    private void take(JsonNode tokens) {
        accessToken = tokens.get("accessToken").asString();
        refreshToken = tokens.get("refreshToken").asString();
        long expiresIn = tokens.path("expiresIn").asLong(900);
        refreshAt = System.nanoTime() + expiresIn * 1_000_000_000L / 2; // half-way: well before any clock skew matters
    }

    static String title(Http.Reply reply) {
        try {
            return reply.json().path("title").asString("");
        } catch (RuntimeException e) {
            return "";
        }
    }
}
