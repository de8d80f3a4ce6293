package org.vaultmail.proxy;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * An absolute http(s) URL the proxy may be asked for, parsed strictly: no user info, and a host that is a
 * DNS name, a canonical dotted-quad IPv4 address or a bracketed IPv6 literal. Octal, hex, decimal and
 * short IPv4 forms ({@code 0177.0.0.1}, {@code 2130706433}, {@code 127.1}) are refused outright, so no two
 * parsers can disagree about which address a host names.
 */
record RemoteUrl(URI uri, String scheme, String host, int port, @Nullable InetAddress literal) {

    static final int MAX_LENGTH = 4096;
    private static final Pattern DNS_NAME = Pattern.compile("([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?\\.)*[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");
    private static final Pattern CANONICAL_IPV4 = Pattern.compile("((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
    /** WHATWG URL parsers read a host whose last label is a number (decimal, octal or 0x hex) as IPv4. */
    private static final Pattern NUMERIC_LAST_LABEL = Pattern.compile("(.*\\.)?(0x[0-9a-f]*|[0-9]+)\\.?");

    static RemoteUrl parse(String text) {
        if (text.isEmpty() || text.length() > MAX_LENGTH) throw RemoteContentException.invalidUrl("The URL is empty or too long.");
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw RemoteContentException.invalidUrl("The URL is not a valid absolute http or https URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.isOpaque()) {
            throw RemoteContentException.invalidUrl("Only absolute http and https URLs are fetched.");
        }
        if (uri.getRawUserInfo() != null || uri.getRawAuthority() == null || uri.getRawAuthority().contains("@")) {
            throw RemoteContentException.invalidUrl("URLs with a user name or password, or without a host, are not fetched.");
        }
        String host = uri.getHost();
        if (host == null) throw RemoteContentException.invalidUrl("The URL has no valid host name.");
        host = host.toLowerCase(Locale.ROOT);
        InetAddress literal = literal(host);
        int port = uri.getPort() < 0 ? (scheme.equals("https") ? 443 : 80) : uri.getPort();
        try {
            URI request = new URI(scheme, null, host, uri.getPort(), uri.getPath().isEmpty() ? "/" : uri.getPath(), null, null);
            // keep the query exactly as sent (re-encoding it could change what the server sees)
            String raw = request.toASCIIString() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            return new RemoteUrl(URI.create(raw), scheme, literal != null && host.startsWith("[") ? host.substring(1, host.length() - 1) : host,
                    port, literal);
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw RemoteContentException.invalidUrl("The URL is not a valid absolute http or https URL.");
        }
    }

    /** This URL's {@code Location} target, re-validated like a URL the user sent. */
    RemoteUrl redirect(String location) {
        try {
            return parse(uri.resolve(new URI(location)).toString());
        } catch (RemoteContentException e) {
            if (e.status() == HttpStatus.BAD_REQUEST) {
                throw RemoteContentException.unavailable("The remote server redirected to a URL that is not fetched. " + e.getMessage());
            }
            throw e;
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw RemoteContentException.unavailable("The remote server redirected to an invalid URL.");
        }
    }

    /** The address an IP-literal host names, null for a DNS name; throws for ambiguous numeric forms. */
    private static @Nullable InetAddress literal(String host) {
        if (host.startsWith("[")) {
            String inside = host.length() > 2 && host.endsWith("]") ? host.substring(1, host.length() - 1) : "";
            // only hex digits, colons and dots (no zone id): nothing InetAddress could mistake for a name to look up
            if (!inside.contains(":") || !inside.matches("[0-9a-f:.]+")) {
                throw RemoteContentException.invalidUrl("The URL has an invalid IPv6 address.");
            }
            return parseLiteral(inside);
        }
        if (CANONICAL_IPV4.matcher(host).matches()) return parseLiteral(host);
        if (NUMERIC_LAST_LABEL.matcher(host).matches()) {
            throw RemoteContentException.invalidUrl("Numeric hosts must be written as four decimal numbers (a.b.c.d).");
        }
        if (!DNS_NAME.matcher(host).matches()) throw RemoteContentException.invalidUrl("The URL has no valid host name.");
        return null;
    }

    private static InetAddress parseLiteral(String text) {
        try {
            // a literal: InetAddress parses it without any DNS query
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw RemoteContentException.invalidUrl("The URL has an invalid IP address.");
        }
    }
}
