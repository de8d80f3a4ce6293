package org.vaultmail.migrate.jobs;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vaultmail.account.MailServerDirectory;
import org.vaultmail.mail.MailLogins;
import org.vaultmail.migrate.MigrationJobs;
import org.vaultmail.migrate.MigrationSources;
import org.vaultmail.migrate.MigrationVerification;

/** The verification of finished jobs ({@code ./vaultmail migrate verify}). */
@Configuration(proxyBeanMethods = false)
class MigrationVerificationConfiguration {

    @Bean
    MigrationVerification migrationVerification(MigrationJobs jobs, MailServerDirectory directory, MigrationSources sources,
                                                MailLogins logins) {
        return new JobVerifier(jobs, new ServerResolver(directory, sources), logins);
    }
}
