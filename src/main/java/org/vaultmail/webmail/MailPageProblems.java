package org.vaultmail.webmail;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.ExtendedModelMap;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.mail.MailStoreException;
import org.vaultmail.vault.VaultException;

/**
 * A problem from the mail service on a mail page becomes a friendly message where the content would have been
 * (the list or the reading pane, or the load-more row), with a retry; never a stack trace or a blank page.
 */
@ControllerAdvice(assignableTypes = MailPageController.class)
@Order(Ordered.HIGHEST_PRECEDENCE) // before the global web.RequestProblems, which would show the plain error page
class MailPageProblems {

    private static final Logger log = LoggerFactory.getLogger(MailPageProblems.class);

    private final MailPages pages;

    MailPageProblems(MailPages pages) {
        this.pages = pages;
    }

    @ExceptionHandler
    ModelAndView mail(MailStoreException e, HttpServletRequest request, HttpServletResponse response) {
        boolean message = pattern(request).contains("{uid}");
        String folder = folderOf(request);
        Problem problem = switch (e.reason()) {
            case NOT_FOUND -> message && !pattern(request).contains("rows")
                    ? problem("problem.messageNotFound", folder, request, 404, response)
                    : problem("problem.folderNotFound", folder, request, 404, response);
            case WRONG_CREDENTIALS -> new Problem("problem.credentials.title", "problem.credentials.detail", folder,
                    retry(request), target(request), true);
            case UNAVAILABLE -> problem("problem.unavailable", folder, request, 503, response);
            case REFUSED -> problem(searching(request) ? "problem.search" : "problem.refused", folder, request, 502, response);
            case EXISTS, PROTECTED -> problem("problem.refused", folder, request, 409, response);
        };
        if (e.reason() == MailStoreException.Reason.WRONG_CREDENTIALS) response.setStatus(401);
        if (e.reason() != MailStoreException.Reason.NOT_FOUND) log.warn("Mail page failed: {}", e.getMessage());
        // the folder list only when the server answers: after a timeout, asking again would only wait again
        boolean serverAnswers = e.reason() == MailStoreException.Reason.NOT_FOUND || e.reason() == MailStoreException.Reason.REFUSED;
        return view(problem, folder, request, serverAnswers);
    }

    /** {@code /mail/INBOX/abc}: no message has that UID. */
    @ExceptionHandler
    ModelAndView badUid(MethodArgumentTypeMismatchException e, HttpServletRequest request, HttpServletResponse response) {
        String folder = folderOf(request);
        return view(problem("problem.messageNotFound", folder, request, 404, response), folder, request, true);
    }

    @ExceptionHandler
    ModelAndView session(VaultException e, HttpServletRequest request, HttpServletResponse response) {
        log.info("Session credentials could not be opened on a mail page: {}", e.getMessage());
        response.setStatus(401);
        String folder = folderOf(request);
        return view(new Problem("problem.session.title", "problem.session.detail", folder, retry(request), target(request), true),
                folder, request, false);
    }

    private static Problem problem(String key, String folder, HttpServletRequest request, int status, HttpServletResponse response) {
        response.setStatus(status);
        return new Problem(key + ".title", key + ".detail", folder, retry(request), target(request), false);
    }

    private ModelAndView view(Problem problem, String folder, HttpServletRequest request, boolean withFolders) {
        ExtendedModelMap model = new ExtendedModelMap();
        model.addAttribute("problem", problem);
        if (Htmx.targets(request, Htmx.LOAD_MORE)) return new ModelAndView("mail/problem :: row", model);
        if (Htmx.targets(request, Htmx.LIST_PANE) || Htmx.targets(request, Htmx.READING_PANE)) {
            return new ModelAndView("mail/problem :: pane", model);
        }
        // a whole page: the navigation if the server still lists folders, the problem where the list would be
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (withFolders && auth != null && auth.getPrincipal() instanceof AuthenticatedSession me) {
            pages.foldersIfPossible(me, folder, model);
        } else {
            model.addAttribute("folders", java.util.List.of());
        }
        model.addAttribute("currentFolder", folder);
        model.addAttribute("pageProblem", problem);
        return new ModelAndView("mail/page", model);
    }

    private static String pattern(HttpServletRequest request) {
        Object p = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        return p == null ? "" : p.toString();
    }

    private static String folderOf(HttpServletRequest request) {
        Object vars = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (vars instanceof java.util.Map<?, ?> map && map.get("folder") instanceof String f) return f;
        return "INBOX";
    }

    private static boolean searching(HttpServletRequest request) {
        String q = request.getParameter("q");
        return q != null && !q.isBlank();
    }

    private static String retry(HttpServletRequest request) {
        String query = request.getQueryString();
        return request.getRequestURI() + (query == null ? "" : "?" + query);
    }

    private static @org.jspecify.annotations.Nullable String target(HttpServletRequest request) {
        String target = request.getHeader("HX-Target");
        return "true".equals(request.getHeader("HX-Request")) && target != null && target.matches("[a-z-]{1,30}") ? target : null;
    }
}
