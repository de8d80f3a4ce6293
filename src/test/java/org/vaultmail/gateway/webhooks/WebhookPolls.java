package org.vaultmail.gateway.webhooks;

import org.springframework.context.ApplicationContext;

/** The webhook poll of a node, for tests whose nodes run without scheduled jobs. */
public final class WebhookPolls {

    private WebhookPolls() {
    }

    /** Attempts what is due on this node, as its scheduled poll would; the number attempted. */
    public static int deliverDue(ApplicationContext node) {
        return node.getBean(WebhookDispatcher.class).deliverDue();
    }
}
