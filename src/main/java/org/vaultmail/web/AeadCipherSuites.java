package org.vaultmail.web;

import java.util.List;

import org.apache.catalina.connector.Connector;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;

/**
 * When Vaultmail terminates TLS itself, it offers only forward-secret AEAD cipher suites (AES-GCM, ChaCha20-Poly1305;
 * Mozilla's "intermediate" list): Tomcat's default ({@code HIGH:...}) still offers CBC suites on TLS 1.2, which
 * scanners flag (Lucky13-style padding oracles). An operator who names ciphers in the SSL bundle
 * ({@code spring.ssl.bundle.*.options.ciphers}) keeps them.
 */
final class AeadCipherSuites implements TomcatConnectorCustomizer {

    static final List<String> SUITES = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private static final String TOMCAT_DEFAULT = new SSLHostConfig().getCiphers();

    @Override
    public void customize(Connector connector) {
        for (SSLHostConfig host : connector.findSslHostConfigs()) {
            if (TOMCAT_DEFAULT.equals(host.getCiphers())) host.setCiphers(String.join(",", SUITES));
        }
    }
}
