package org.vaultmail.migrate.jobs;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.vaultmail.VaultmailApplication;

/**
 * The victim of {@link MigrationKillTest}: a Vaultmail node in its own JVM whose migration runner polls the shared
 * PostgreSQL schema and runs jobs with the real engine, until it is killed with SIGKILL.
 */
public final class MigrationChild {

    private MigrationChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        new SpringApplicationBuilder(VaultmailApplication.class).web(WebApplicationType.NONE).run(args);
        System.out.println("child: started, running migration jobs");
        Thread.currentThread().join();
    }
}
