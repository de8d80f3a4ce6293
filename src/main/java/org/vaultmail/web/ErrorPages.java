package org.vaultmail.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every error that reaches the servlet container's error page ({@code /error}: Spring Security's 401/403, a request
 * the firewall or Tomcat refused, an exception no handler took): {@code application/problem+json} for the API and
 * the HTML error page for pages, decided by the failed request's routed path ({@link ApiPaths}), never by the
 * {@code Accept} header (a scanner or a script sends none). No exception detail is ever shown. The problem's title
 * and detail are in the request's language ({@code problem.status.*}, {@code problem.error.*}).
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
public class ErrorPages implements ErrorController {

    private final JsonMapper json;
    private final MessageSource messages;

    ErrorPages(JsonMapper json, MessageSource messages) {
        this.json = json;
        this.messages = messages;
    }

    @RequestMapping
    @Nullable ModelAndView error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpStatus status = status(request);
        if (ApiPaths.api(request)) {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", "about:blank");
            Locale locale = LocaleContextHolder.getLocale(); // written here, not through i18n.ProblemTexts
            problem.put("title", messages.getMessage("problem.status." + status.value(), null, status.getReasonPhrase(), locale));
            problem.put("status", status.value());
            problem.put("detail", messages.getMessage(apiDetail(status), null, locale));
            response.setStatus(status.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), problem);
            return null;
        }
        return page(status, null);
    }

    /** The HTML error page with {@code status}, its explanation the message {@code detailKey} (null: the status's own). */
    public static ModelAndView page(HttpStatus status, @Nullable String detailKey) {
        ModelAndView page = new ModelAndView("error", status);
        page.addObject("status", status.value());
        int family = family(status.value());
        page.addObject("headingKey", "error." + family + ".heading");
        page.addObject("detailKey", detailKey != null ? detailKey : "error." + family + ".detail");
        return page;
    }

    /** The status whose heading and explanation an error page shows: its own if it has them, else 400 or 500. */
    static int family(int status) {
        return switch (status) {
            case 400, 403, 404, 405, 413, 415, 429 -> status;
            default -> status >= 400 && status < 500 ? 400 : 500;
        };
    }

    private static HttpStatus status(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer i ? HttpStatus.resolve(i) : null;
        return status == null || !status.isError() ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }

    /** The detail's message key (messages-problems; the status's own, else the family's). */
    private static String apiDetail(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, METHOD_NOT_ALLOWED, CONTENT_TOO_LARGE,
                 UNSUPPORTED_MEDIA_TYPE, TOO_MANY_REQUESTS -> "problem.error." + status.value();
            default -> status.is4xxClientError() ? "problem.error.4xx" : "problem.error.5xx";
        };
    }
}
