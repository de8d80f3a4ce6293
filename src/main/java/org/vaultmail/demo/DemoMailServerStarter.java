package org.vaultmail.demo;

import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Starts the {@link DemoMailServer} under profile {@code demo} once the environment is ready but
 * before the context creates any bean, so nothing in the app can reach {@code demo.test} too early;
 * maps {@code demo.test} to its actual ports and sends notification mail through it ({@link DemoDomain}), registers it as the bean
 * {@code demoMailServer} and stops it when the context closes.
 * Registered in {@code META-INF/spring.factories}.
 */
class DemoMailServerStarter implements ApplicationListener<ApplicationPreparedEvent> {

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        ConfigurableApplicationContext context = event.getApplicationContext();
        if (!context.getEnvironment().matchesProfiles("demo")) return;
        DemoProperties properties = Binder.get(context.getEnvironment())
                .bindOrCreate("vaultmail.demo", DemoProperties.class);
        DemoMailServer server = new DemoMailServer(properties);
        DemoDomain.append(context.getEnvironment(), server.imapPort(), server.smtpPort());
        DemoDomain.notifications(context.getEnvironment(), server.smtpPort());
        context.getBeanFactory().registerSingleton("demoMailServer", server);
        context.addApplicationListener((ContextClosedEvent closed) -> {
            if (closed.getApplicationContext() == context) server.close();
        });
    }
}
