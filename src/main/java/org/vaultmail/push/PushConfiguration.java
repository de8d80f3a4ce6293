package org.vaultmail.push;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vaultmail.auth.SessionCredentials;
import org.vaultmail.mail.FolderWatcher;
import org.vaultmail.mail.MailPushProperties;

/** The event streams over the mail module's {@link FolderWatcher}. */
@Configuration(proxyBeanMethods = false)
class PushConfiguration {

    @Bean
    SessionStreams sessionStreams(FolderWatcher watcher, SessionCredentials credentials, EventStreamProperties properties,
                                  MailPushProperties push) {
        return new SessionStreams(watcher, credentials, properties, push.maxWatchesPerUser());
    }
}
