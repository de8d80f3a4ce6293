package org.vaultmail.admin.console;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/** Opens the console session of a verified operator (password and code, or password and passkey). */
final class OperatorSessions {

    private static final SecurityContextRepository CONTEXTS = new HttpSessionSecurityContextRepository();

    private OperatorSessions() {
    }

    static void establish(String operator, HttpServletRequest request, HttpServletResponse response) {
        HttpSession old = request.getSession(false);
        if (old != null) old.invalidate(); // a fresh session id: no fixation of a pre-sign-in session
        request.getSession(true);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(operator, null,
                List.of(new SimpleGrantedAuthority("ROLE_" + AdminSecurityConfiguration.ROLE))));
        SecurityContextHolder.setContext(context);
        CONTEXTS.saveContext(context, request, response);
    }
}
