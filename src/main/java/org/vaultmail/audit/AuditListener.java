package org.vaultmail.audit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;
import org.springframework.scheduling.annotation.Async;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Spring Modulith's {@code @ApplicationModuleListener} plus {@code fallbackExecution}: most events are
 * published outside a transaction (a sign-in commits its rows first), and those must be recorded too.
 * The publication registry stores every event before this runs and marks it complete only when the
 * method returns, so a failed append leaves an incomplete publication that is resubmitted. Runs on the
 * audit executor (one thread: appends are serialised by the chain lock anyway, and the order is kept).
 */
@Async(AuditConfiguration.EXECUTOR)
@Transactional(propagation = Propagation.REQUIRES_NEW)
@TransactionalEventListener(fallbackExecution = true)
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@interface AuditListener {

    /**
     * A SpEL condition on the event ({@code #root.args[0]}): an event it refuses gets no publication row for the audit
     * listener (Spring Modulith evaluates it before storing publications), not a row that is completed doing nothing.
     */
    @AliasFor(annotation = TransactionalEventListener.class, attribute = "condition")
    String condition() default "";
}
