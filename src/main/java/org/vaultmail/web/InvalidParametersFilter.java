package org.vaultmail.web;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses with 400, before any other filter reads a parameter, a request whose query or form parameters Tomcat
 * cannot decode (a bad percent-escape, bytes that are not UTF-8). Tomcat throws {@link InvalidParameterException}
 * from whichever {@code getParameter} call comes first (the CSRF filter, a controller), which then escapes as an
 * error with a stack trace in the log per request. The error page that follows sees no parameters at all.
 * Multipart bodies are left to Spring MVC's multipart handling (their errors are {@code MultipartException}s).
 */
final class InvalidParametersFilter extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (multipart(request)) {
            chain.doFilter(request, response);
            return;
        }
        try {
            request.getParameterMap();
        } catch (InvalidParameterException e) {
            if (request.getDispatcherType() == DispatcherType.ERROR) {
                chain.doFilter(new WithoutParameters(request), response);
            } else {
                response.sendError(HttpServletResponse.SC_BAD_REQUEST);
            }
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean multipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.regionMatches(true, 0, MediaType.MULTIPART_FORM_DATA_VALUE, 0, MediaType.MULTIPART_FORM_DATA_VALUE.length());
    }

    /** The failed request on its way to the error page: its undecodable parameters are not there. */
    private static final class WithoutParameters extends HttpServletRequestWrapper {
        WithoutParameters(HttpServletRequest request) {
            super(request);
        }

        @Override
        public @Nullable String getParameter(String name) {
            return null;
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return Map.of();
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.emptyEnumeration();
        }

        @Override
        public String @Nullable [] getParameterValues(String name) {
            return null;
        }
    }
}
