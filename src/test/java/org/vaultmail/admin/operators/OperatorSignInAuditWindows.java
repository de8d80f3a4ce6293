package org.vaultmail.admin.operators;

import org.springframework.context.ApplicationContext;

/**
 * For tests that start the app: closes the operator sign-in audit's current window as its scheduler would, so a test
 * starts with none of the names tracked by the test methods before it (the audit is one bean per context).
 */
public final class OperatorSignInAuditWindows {

    private OperatorSignInAuditWindows() {
    }

    /**
     * Two window ends: the first writes what earlier tests still counted, the second forgets the names and clients
     * without failures since. Afterwards no name or client is tracked, so the next ones are not beyond the limit.
     */
    public static void startAfresh(ApplicationContext context) {
        OperatorSignInAudit audit = context.getBean(OperatorSignInAudit.class);
        audit.flush();
        audit.flush();
    }
}
