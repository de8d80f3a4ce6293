package org.vaultmail.web;

import java.io.IOException;
import java.io.Writer;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Tomcat's own error report, for requests it refuses before Vaultmail sees them (a path with a bad percent-escape,
 * bytes that are not UTF-8, an encoded NUL): {@code application/problem+json} for API paths ({@link ApiPaths}: the path may not
 * even parse, then its raw prefix decides), Tomcat's bare page without details for the rest.
 */
final class ProblemErrorReportValve extends ErrorReportValve {

    ProblemErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        String uri = request.getRequestURI();
        if (status < 400 || response.getContentWritten() > 0 || uri == null || !ApiPaths.api(uri)) {
            super.report(request, response, throwable);
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String detail = status == 400 ? "The request's address is malformed: a bad percent-escape, or bytes that are not UTF-8."
                : status < 500 ? "The request was refused." : "Something went wrong on our side.";
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response cannot be written any more: nothing left to tell
        }
    }
}
