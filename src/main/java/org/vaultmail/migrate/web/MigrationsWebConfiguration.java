package org.vaultmail.migrate.web;

import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vaultmail.auth.SessionCredentials;
import org.vaultmail.migrate.MigrationJobs;
import org.vaultmail.migrate.MigrationSources;

/**
 * The user-facing migration beans. The jobs service is looked up lazily: until a node has it (or when it is switched
 * off) the API answers 503 and the page says imports are unavailable, instead of the app failing to start.
 */
@Configuration(proxyBeanMethods = false)
class MigrationsWebConfiguration {

    @Bean
    UserImports userImports(ObjectProvider<MigrationJobs> jobs, ObjectProvider<MigrationSources> sources,
                            SessionCredentials credentials) {
        return new UserImports(jobs, sources, credentials);
    }

    @Bean
    MigrationStreams migrationStreams(UserImports imports,
                                      @Value("${vaultmail.migrate.stream.interval:1s}") Duration interval,
                                      @Value("${vaultmail.migrate.stream.lifetime:15m}") Duration lifetime) {
        return new MigrationStreams(imports, interval, lifetime);
    }
}
