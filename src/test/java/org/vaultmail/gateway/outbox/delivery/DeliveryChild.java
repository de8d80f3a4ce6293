package org.vaultmail.gateway.outbox.delivery;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.vaultmail.VaultmailApplication;

/**
 * The victim of {@link DeliveryKillH2Test}: a Vaultmail node in its own JVM whose delivery worker polls the shared
 * database and sends through the parent's loopback SMTP server ({@link TestMailboxes}), until it is killed.
 */
public final class DeliveryChild {

    private DeliveryChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        new SpringApplicationBuilder(VaultmailApplication.class, TestMailboxes.Config.class)
                .web(WebApplicationType.NONE)
                .run(args);
        System.out.println("child: started, delivering");
        Thread.currentThread().join();
    }
}
