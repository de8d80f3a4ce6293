package org.vaultmail.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.server.RequestPath;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Whether a request is for the JSON API (problems as {@code application/problem+json}) or for a page (HTML error
 * pages), decided on the path as Spring MVC routes it (segments percent-decoded, {@code ;} parameters dropped), so
 * {@code /%61pi/v1/x} is an API request too; on an error dispatch, the path of the request that failed.
 */
public final class ApiPaths {

    private static final PathPattern API = PathPatternParser.defaultInstance.parse("/api/**");
    private static final PathPattern API_DOCS = PathPatternParser.defaultInstance.parse("/api/docs");

    private ApiPaths() {
    }

    public static boolean api(HttpServletRequest request) {
        Object failed = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String uri = failed instanceof String s ? s : request.getRequestURI();
        try {
            var path = RequestPath.parse(uri, request.getContextPath()).pathWithinApplication();
            return API.matches(path) && !API_DOCS.matches(path);
        } catch (IllegalArgumentException e) { // not even a path (bad escapes): no API would have routed it
            return uri.startsWith(request.getContextPath() + "/api/");
        }
    }
}
