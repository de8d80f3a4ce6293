package org.vaultmail.web;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.util.HtmlUtils;

/**
 * Tomcat's own error report, for requests it refuses before Vaultmail sees them (a path with a bad percent-escape,
 * bytes that are not UTF-8, an encoded NUL): {@code application/problem+json} for API paths ({@link ApiPaths}: the path
 * may not even parse, then its raw prefix decides), a small page without details for the rest. Both in the request's
 * language from the application's bundles (ADR 0052): no Spring request context exists here, so the locale comes from
 * the application's locale resolver asked directly (nobody is signed in at this level: {@code Accept-Language}).
 */
final class ProblemErrorReportValve extends ErrorReportValve {

    private final MessageSource messages;
    private final ObjectProvider<LocaleResolver> locales;

    ProblemErrorReportValve(MessageSource messages, ObjectProvider<LocaleResolver> locales) {
        this.messages = messages;
        this.locales = locales;
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0) {
            super.report(request, response, throwable);
            return;
        }
        String uri = request.getRequestURI();
        Locale locale = locale(request);
        try {
            boolean api = uri != null && ApiPaths.api(uri);
            String body = api ? problem(status, locale) : page(status, locale);
            response.setContentType(api ? MediaType.APPLICATION_PROBLEM_JSON_VALUE : MediaType.TEXT_HTML_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.setHeader("Content-Language", locale.toLanguageTag());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response cannot be written any more: nothing left to tell
        }
    }

    private String problem(int status, Locale locale) {
        HttpStatus known = HttpStatus.resolve(status);
        String title = messages.getMessage("problem.status." + status, null, known == null ? "Error" : known.getReasonPhrase(), locale);
        String detail = messages.getMessage(status == 400 ? "request.refused.malformed"
                : status < 500 ? "problem.error.4xx" : "request.refused.server", null, locale);
        return "{\"type\":\"about:blank\",\"title\":\"" + json(title) + "\",\"status\":" + status
                + ",\"detail\":\"" + json(detail) + "\"}";
    }

    /** The error page's heading and explanation ({@code error.<family>.*}, as {@link ErrorPages} shows them), nothing else. */
    private String page(int status, Locale locale) {
        String family = String.valueOf(ErrorPages.family(status));
        String heading = HtmlUtils.htmlEscape(messages.getMessage("error." + family + ".heading", null, locale), "UTF-8");
        String detail = HtmlUtils.htmlEscape(messages.getMessage("error." + family + ".detail", null, locale), "UTF-8");
        return "<!DOCTYPE html>\n<html lang=\"" + locale.toLanguageTag() + "\"><head><meta charset=\"utf-8\"><title>"
                + heading + "</title></head>\n<body><main><h1>" + heading + "</h1><p>" + detail + "</p></main></body></html>\n";
    }

    /** The application's choice for this request; English when it cannot be made (Tomcat refused before the context). */
    private Locale locale(Request request) {
        try {
            LocaleResolver resolver = locales.getIfAvailable();
            return resolver == null ? Locale.ENGLISH : resolver.resolveLocale(request);
        } catch (RuntimeException e) {
            return Locale.ENGLISH;
        }
    }

    private static String json(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        return out.toString();
    }
}
