package org.vaultmail.gateway.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Map;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

/**
 * POSTs one signed delivery to the addresses {@link WebhookDestinations} vetted (pinned in the {@link HttpHost}; the
 * client's own resolver refuses everything). No redirects, cookies or retries of its own; short timeouts; of the answer
 * only the status code is used, and at most {@link #MAX_READ} bytes of its body are read (and dropped).
 */
final class WebhookSender implements AutoCloseable {

    static final String USER_AGENT = "Vaultmail-Webhooks/1.0";
    static final int MAX_READ = 4096;

    /** What one attempt came to: a status code, or the kind of failure (never a server's text). */
    record Outcome(@Nullable Integer status, @Nullable String error, long durationMs) {
        boolean succeeded() {
            return status != null && status >= 200 && status < 300;
        }
    }

    private final CloseableHttpClient client;

    WebhookSender(WebhookProperties properties) {
        Timeout connect = Timeout.of(properties.connectTimeout());
        Timeout read = Timeout.of(properties.readTimeout());
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(REFUSE_ALL)
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(connect).setSocketTimeout(read).build())
                        .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(read).build())
                        .setMaxConnTotal(32).setMaxConnPerRoute(4)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setConnectionRequestTimeout(connect).setResponseTimeout(read)
                        .setRedirectsEnabled(false).build())
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableAutomaticRetries()
                .disableContentCompression()
                .build();
    }

    Outcome send(WebhookDestinations.Vetted destination, Map<String, String> headers, String body) {
        long started = System.nanoTime();
        Integer status = null;
        String error = null;
        for (InetAddress address : destination.addresses()) {
            try {
                status = post(destination, address, headers, body);
                error = null;
                break;
            } catch (HttpHostConnectException e) {
                error = "connect";           // try the host's next vetted address
            } catch (ConnectTimeoutException e) {
                error = "connect_timeout";
            } catch (SocketTimeoutException e) {
                error = "timeout";
                break;                       // the request may have arrived: another address would send it twice
            } catch (javax.net.ssl.SSLException e) {
                error = "tls";
                break;
            } catch (IOException e) {
                error = "io";
                break;
            }
        }
        return new Outcome(status, error, (System.nanoTime() - started) / 1_000_000);
    }

    private int post(WebhookDestinations.Vetted destination, InetAddress address, Map<String, String> headers, String body)
            throws IOException {
        var target = destination.target();
        HttpPost post = new HttpPost(target.uri());
        post.setHeader("User-Agent", USER_AGENT);
        headers.forEach(post::setHeader);
        post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        ClassicHttpResponse response = client.executeOpen(new HttpHost(target.scheme(), address, target.host(), target.port()),
                post, null);
        try {
            int status = response.getCode();
            HttpEntity entity = response.getEntity();
            if (entity != null) {
                InputStream in = entity.getContent();
                // closing the stream would read the rest of the body, however long: abort instead when there is more
                if (in.readNBytes(MAX_READ).length == MAX_READ && in.read() >= 0) post.cancel();
            }
            return status;
        } finally {
            try {
                response.close();
            } catch (IOException e) {
                // aborted after reading enough: the status is what counts
            }
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
    }

    /** The client never resolves names itself: every request carries its vetted address. */
    private static final DnsResolver REFUSE_ALL = new DnsResolver() {
        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            throw new UnknownHostException("webhooks connect to vetted addresses only");
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            throw new UnknownHostException("webhooks connect to vetted addresses only");
        }
    };
}
