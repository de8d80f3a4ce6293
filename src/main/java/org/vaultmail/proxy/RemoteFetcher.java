package org.vaultmail.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

/**
 * Fetches one remote image: every hop (the URL and each redirect) is vetted by the {@link DestinationPolicy},
 * and the connection goes to the vetted address only (pinned in the {@link HttpHost}; the client's own DNS
 * resolver refuses everything). No cookies, no credentials, no Referer; size, type and time are limited.
 */
final class RemoteFetcher implements AutoCloseable {

    static final String USER_AGENT = "Mozilla/5.0 (compatible; Vaultmail image proxy)";
    static final String ACCEPT = "image/avif,image/webp,image/png,image/jpeg,image/gif,image/*;q=0.8";

    private final DestinationPolicy policy;
    private final ProxyProperties limits;
    private final CloseableHttpClient client;
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("vaultmail-proxy-deadline").factory());

    RemoteFetcher(DestinationPolicy policy, ProxyProperties limits) {
        this.policy = policy;
        this.limits = limits;
        Timeout connect = Timeout.of(limits.connectTimeout());
        Timeout total = Timeout.of(limits.totalTimeout());
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(REFUSE_ALL)
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(connect).setSocketTimeout(total).build())
                        .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(total).build())
                        .setMaxConnTotal(Math.max(2, limits.maxConcurrent() * 2))
                        .setMaxConnPerRoute(4)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setConnectionRequestTimeout(connect).setResponseTimeout(total)
                        .setRedirectsEnabled(false).build())
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableAutomaticRetries()
                .disableContentCompression()   // images are compressed already; no decompression bombs
                .build();
    }

    /** Fetches {@code url}, following at most {@code max-redirects} redirects, each re-vetted. */
    FetchedImage fetch(RemoteUrl url) {
        long deadline = System.nanoTime() + limits.totalTimeout().toNanos();
        RemoteUrl hop = url;
        for (int redirects = 0; ; redirects++) {
            List<InetAddress> addresses = policy.vet(hop);
            Hop result = fetchHop(hop, addresses, deadline);
            if (result.image() != null) return result.image();
            if (redirects >= limits.maxRedirects()) {
                throw RemoteContentException.unavailable("The remote server redirected more than " + limits.maxRedirects() + " times.");
            }
            hop = hop.redirect(result.location());
        }
    }

    private record Hop(@Nullable FetchedImage image, String location) {
    }

    private Hop fetchHop(RemoteUrl url, List<InetAddress> addresses, long deadline) {
        for (int i = 0; ; i++) {
            try {
                return fetchFrom(url, addresses.get(i), deadline);
            } catch (HttpHostConnectException | ConnectTimeoutException e) {
                // try the host's next vetted address, as a browser would
                if (i + 1 >= addresses.size() || System.nanoTime() >= deadline) {
                    throw RemoteContentException.unavailable("The remote server could not be reached.");
                }
            } catch (IOException e) {
                if (System.nanoTime() >= deadline) throw tookTooLong();
                throw RemoteContentException.unavailable("The connection to the remote server failed.");
            }
        }
    }

    private Hop fetchFrom(RemoteUrl url, InetAddress address, long deadline) throws IOException {
        HttpGet get = new HttpGet(url.uri());
        get.setHeader("User-Agent", USER_AGENT);
        get.setHeader("Accept", ACCEPT);
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) throw tookTooLong();
        ScheduledFuture<?> abort = deadlines.schedule(() -> {
            get.cancel();
        }, remaining, TimeUnit.NANOSECONDS);
        try (ClassicHttpResponse response = client.executeOpen(new HttpHost(url.scheme(), address, url.host(), url.port()), get, null)) {
            int status = response.getCode();
            if (isRedirect(status)) {
                Header location = response.getFirstHeader("Location");
                if (location == null) throw RemoteContentException.unavailable("The remote server redirected without a location.");
                get.cancel();
                return new Hop(null, location.getValue());
            }
            if (status != 200) {
                get.cancel();
                throw RemoteContentException.unavailable("The remote server answered " + status + ".");
            }
            return new Hop(read(response, get, deadline), "");
        } finally {
            abort.cancel(false);
        }
    }

    private FetchedImage read(ClassicHttpResponse response, HttpGet get, long deadline) throws IOException {
        Header contentType = response.getFirstHeader("Content-Type");
        if (ImageType.ofLabel(contentType == null ? null : contentType.getValue()).isEmpty()) {
            get.cancel();
            throw notAnImage();
        }
        HttpEntity entity = response.getEntity();
        long max = limits.maxSize().toBytes();
        if (entity == null) throw notAnImage();
        if (entity.getContentLength() > max) {
            get.cancel();
            throw tooLarge();
        }
        // count what actually arrives: Content-Length may be absent or lie
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = entity.getContent()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                if (body.size() + n > max) {
                    get.cancel();
                    throw tooLarge();
                }
                if (System.nanoTime() >= deadline) {
                    get.cancel();
                    throw tookTooLong();
                }
                body.write(buffer, 0, n);
            }
        }
        byte[] bytes = body.toByteArray();
        ImageType sniffed = ImageType.sniff(Arrays.copyOf(bytes, Math.min(bytes.length, ImageType.SNIFF_LENGTH)))
                .orElseThrow(RemoteFetcher::notAnImage);
        return new FetchedImage(sniffed, bytes);
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static RemoteContentException notAnImage() {
        return RemoteContentException.unavailable("The remote resource is not an image type that Vaultmail shows "
                + "(PNG, JPEG, GIF, WebP, AVIF, BMP, ICO).");
    }

    private RemoteContentException tooLarge() {
        long kib = limits.maxSize().toKilobytes();
        return RemoteContentException.unavailable("The remote resource is larger than "
                + (kib % 1024 == 0 ? kib / 1024 + " MiB." : kib + " KiB."));
    }

    private RemoteContentException tookTooLong() {
        return RemoteContentException.unavailable("The remote server took longer than " + limits.totalTimeout().toSeconds() + " s.");
    }

    @Override
    public void close() throws IOException {
        deadlines.shutdownNow();
        client.close();
    }

    /** The client never resolves names itself: every request carries its vetted address. */
    private static final DnsResolver REFUSE_ALL = new DnsResolver() {
        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            throw new UnknownHostException("the proxy connects to vetted addresses only");
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            throw new UnknownHostException("the proxy connects to vetted addresses only");
        }
    };
}
