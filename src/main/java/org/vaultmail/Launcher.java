package org.vaultmail;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.vaultmail.admin.CommandLineInterface;

/** Starts the web server for {@code serve}/{@code demo}, or a short-lived context for a CLI command. */
final class Launcher {

    static final int KEEP_RUNNING = Integer.MIN_VALUE;

    private Launcher() {
    }

    static int launch(String[] rawArgs) {
        LaunchArguments args;
        try {
            args = LaunchArguments.parse(rawArgs);
        } catch (LaunchArguments.UsageException e) {
            System.err.println("vaultmail: " + e.getMessage());
            return 64;
        }
        if (args.startsServer()) {
            SpringApplication app = new SpringApplication(VaultmailApplication.class);
            if (args.command().equals("demo")) {
                app.setAdditionalProfiles("demo");
            }
            try {
                app.run(args.springArgs().toArray(String[]::new));
            } catch (RuntimeException e) {
                // Spring Boot has already reported it (failure analysis, through the redacting log);
                // exit without letting the JVM print a second, unredacted stack trace.
                return 1;
            }
            return KEEP_RUNNING;
        }
        SpringApplication app = new SpringApplication(VaultmailApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setBannerMode(Banner.Mode.OFF);
        app.setAdditionalProfiles("cli");
        List<String> springArgs = new ArrayList<>(args.springArgs());
        try (ConfigurableApplicationContext context = app.run(springArgs.toArray(String[]::new))) {
            return context.getBean(CommandLineInterface.class).run(args.command(), args.commandArgs());
        } catch (RuntimeException e) {
            System.err.println("vaultmail " + args.command() + ": " + CommandLineInterface.describe(e));
            return 1;
        }
    }
}
