package org.vaultmail.vault;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.vaultmail.VaultmailApplication;

/**
 * The victim of {@link RewrapKillContract}: a separate JVM that boots Vaultmail on the given
 * database (Spring arguments) with the test sealed column and runs a slow, throttled rewrap.
 */
public final class RewrapChild {

    private RewrapChild() {
    }

    public static void main(String[] args) {
        int batch = Integer.getInteger("rewrap.batch", 20);
        int rate = Integer.getInteger("rewrap.rate", 300);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(VaultmailApplication.class, SealedRows.class)
                .web(WebApplicationType.NONE)
                .run(args);
        System.out.println("child: started, rewrapping");
        RewrapFinished done = context.getBean(KeyManagement.class)
                .rewrap(new RewrapOptions(batch, rate), p -> System.out.println("child: " + p.done() + "/" + p.total()));
        System.out.println("child: finished " + done);
        context.close();
    }
}
