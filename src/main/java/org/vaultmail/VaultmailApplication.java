package org.vaultmail;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Vaultmail: self-hosted webmail whose first duty is the careful handling of mail credentials. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class VaultmailApplication {

    public static void main(String[] args) {
        StorageConfiguration.bindEmbeddedDatabaseToLoopback();
        int exit = Launcher.launch(args);
        if (exit != Launcher.KEEP_RUNNING) {
            System.exit(exit);
        }
    }
}
