package org.vaultmail.account;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.jspecify.annotations.Nullable;

/** Loads an operator's trust store (PKCS#12 or JKS) for a domain's mail servers. */
public final class TrustStores {

    private TrustStores() {
    }

    /**
     * Opens the store and checks it holds certificates: a PKCS#12 file written by a current JDK
     * encrypts its certificates too, and opened without its password it silently holds none.
     */
    public static KeyStore load(Path file, @Nullable String password) throws IOException, GeneralSecurityException {
        KeyStore store = isCertificateFile(file) ? fromCertificates(file)
                : KeyStore.getInstance(file.toFile(), password == null ? null : password.toCharArray());
        boolean anyCertificate = Collections.list(store.aliases()).stream().anyMatch(alias -> {
            try {
                return store.isCertificateEntry(alias) || store.getCertificate(alias) != null;
            } catch (GeneralSecurityException e) {
                return false;
            }
        });
        if (!anyCertificate) {
            throw new GeneralSecurityException(password == null
                    ? "holds no readable certificate (a PKCS#12 file with encrypted certificates needs trust-store-password)"
                    : "holds no certificate");
        }
        return store;
    }

    /** PEM or DER certificates ({@code .pem}, {@code .crt}, {@code .cer}) rather than a key store. */
    static boolean isCertificateFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".pem") || name.endsWith(".crt") || name.endsWith(".cer");
    }

    private static KeyStore fromCertificates(Path file) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            int i = 0;
            for (java.security.cert.Certificate c : java.security.cert.CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("trusted-" + i++, c);
            }
        }
        return store;
    }

    /** A TLS context that trusts exactly the certificates in {@code store}. */
    public static SSLContext sslContext(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
