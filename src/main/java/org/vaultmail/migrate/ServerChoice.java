package org.vaultmail.migrate;

/** A server a job may name: {@code kind} is {@code domain} (an operator-configured mail domain) or {@code source}. */
public record ServerChoice(String name, String kind, String host, int port, String security) {
}
