package org.vaultmail.web;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.MediaType;
import org.springframework.web.util.HtmlUtils;

/**
 * Tomcat's own error report, for requests it refuses before Vaultmail sees them (a path with a bad percent-escape,
 * bytes that are not UTF-8, an encoded NUL): {@code application/problem+json} for API paths ({@link ApiPaths}: the path
 * may not even parse, then its raw prefix decides), a small page without details for the rest. Both in the request's
 * language from the application's bundles (ADR 0052): no Spring request context exists here, so the locale comes from
 * the application's locale resolver asked directly (nobody is signed in at this level: {@code Accept-Language}).
 */
final class ProblemErrorReportValve extends ErrorReportValve {

    private final ChainProblems problems;

    ProblemErrorReportValve(ChainProblems problems) {
        this.problems = problems;
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
        Locale locale = problems.locale(request);
        try {
            boolean api = uri != null && ApiPaths.api(uri);
            String body = api ? problems.problem(request, status, null, detailKey(status), null) : page(status, locale);
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

    private static String detailKey(int status) {
        return status == 400 ? "request.refused.malformed" : status < 500 ? "problem.error.4xx" : "request.refused.server";
    }

    /** The error page's heading and explanation ({@code error.<family>.*}, as {@link ErrorPages} shows them), nothing else. */
    private String page(int status, Locale locale) {
        String family = String.valueOf(ErrorPages.family(status));
        String heading = HtmlUtils.htmlEscape(problems.text("error." + family + ".heading", null, locale, "Error"), "UTF-8");
        String detail = HtmlUtils.htmlEscape(problems.text("error." + family + ".detail", null, locale, ""), "UTF-8");
        return "<!DOCTYPE html>\n<html lang=\"" + locale.toLanguageTag() + "\"><head><meta charset=\"utf-8\"><title>"
                + heading + "</title></head>\n<body><main><h1>" + heading + "</h1><p>" + detail + "</p></main></body></html>\n";
    }
}
