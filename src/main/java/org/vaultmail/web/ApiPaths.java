package org.vaultmail.web;

import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The one rule for whether a request is for a JSON API (problems as {@code application/problem+json}) or for a page
 * (HTML error pages): the users' API {@code /api/**} (not its HTML docs {@code /api/docs}) and the operators' API
 * {@code /admin/api/v1/**}. Decided on the path as Spring MVC routes it (segments percent-decoded, {@code ;} parameters
 * dropped), so {@code /%61pi/v1/x} is an API request too; on an error dispatch, the path of the request that failed.
 * Every place that picks the error format asks here: the error page, Spring MVC's request errors, the canonical-path
 * filter, Tomcat's own error report, both security chains.
 */
public final class ApiPaths {

    private static final PathPatternParser PARSER = caseInsensitive();
    private static final PathPattern API = PARSER.parse("/api/**");
    private static final PathPattern API_DOCS = PARSER.parse("/api/docs");
    private static final PathPattern ADMIN_API = PARSER.parse("/admin/api/v1/**");
    private static final Pattern SLASHES = Pattern.compile("/{2,}");

    private ApiPaths() {
    }

    /** Whether the request (on an error dispatch: the request that failed) is an API request. */
    public static boolean api(HttpServletRequest request) {
        Object failed = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String uri = failed instanceof String s ? s : request.getRequestURI();
        String context = request.getContextPath();
        return api(uri.startsWith(context) ? uri.substring(context.length()) : uri);
    }

    /**
     * Whether {@code path} (within the application, as sent: still percent-encoded, possibly not canonical) is an API
     * path. Case and doubled slashes are ignored: a path that only differs in them is refused as not canonical, and
     * its refusal should still be in the API's format.
     */
    public static boolean api(String path) {
        int query = path.indexOf('?');
        String raw = SLASHES.matcher(query < 0 ? path : path.substring(0, query)).replaceAll("/");
        try {
            PathContainer routed = RequestPath.parse(raw, null).pathWithinApplication();
            return (API.matches(routed) && !API_DOCS.matches(routed)) || ADMIN_API.matches(routed);
        } catch (IllegalArgumentException e) { // not even a path (bad escapes): the raw prefix decides
            String lower = raw.toLowerCase(Locale.ROOT);
            return (lower.startsWith("/api/") && !lower.equals("/api/docs")) || lower.startsWith("/admin/api/v1/") || lower.equals("/admin/api/v1");
        }
    }

    private static PathPatternParser caseInsensitive() {
        PathPatternParser parser = new PathPatternParser();
        parser.setCaseSensitive(false);
        return parser;
    }
}
