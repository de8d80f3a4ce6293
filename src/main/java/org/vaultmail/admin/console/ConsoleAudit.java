package org.vaultmail.admin.console;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.vaultmail.audit.ActorType;
import org.vaultmail.audit.AdminActionPerformed;

/**
 * The one way a console page records what an operator did: the operator's name, the client's address and user agent
 * (cut to 512 characters) come from the request, so no controller builds an audit event by hand.
 */
@Component
final class ConsoleAudit {

    private final ApplicationEventPublisher events;

    ConsoleAudit(ApplicationEventPublisher events) {
        this.events = events;
    }

    void record(Authentication operator, HttpServletRequest request, String action, @Nullable String target, String outcome) {
        record(operator, request, action, target, outcome, Map.of());
    }

    void record(Authentication operator, HttpServletRequest request, String action, @Nullable String target, String outcome,
                Map<String, String> details) {
        events.publishEvent(new AdminActionPerformed(ActorType.OPERATOR, OperatorName.of(operator), action, target, outcome,
                request.getRemoteAddr(), userAgent(request), details));
    }

    static @Nullable String userAgent(HttpServletRequest request) {
        String ua = request.getHeader("User-Agent");
        return ua == null ? null : ua.substring(0, Math.min(ua.length(), 512));
    }
}
