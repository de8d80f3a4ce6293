package org.vaultmail.testing;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.vaultmail.VaultmailApplication;

/**
 * Starts one Vaultmail "node" (a non-web application context) on a {@link TestDatabase}. Several
 * nodes on one database and data directory behave like a cluster sharing keys. Scheduled polls are
 * off so tests decide when things happen.
 */
public final class VaultmailNode {

    private VaultmailNode() {
    }

    public static ConfigurableApplicationContext start(TestDatabase db, List<String> extraArgs, Class<?>... extraSources) {
        List<String> args = new ArrayList<>(db.springArgs());
        // A repeated command-line property becomes "a,b" in Spring, so defaults yield to extra args.
        for (String fallback : List.of("--vaultmail.scheduling.enabled=false", "--logging.level.root=warn",
                "--vaultmail.vault.retire-settle-ms=0")) {
            String key = fallback.substring(0, fallback.indexOf('=') + 1);
            if (extraArgs.stream().noneMatch(a -> a.startsWith(key))) args.add(fallback);
        }
        args.addAll(extraArgs);
        Class<?>[] sources = new Class<?>[extraSources.length + 1];
        sources[0] = VaultmailApplication.class;
        System.arraycopy(extraSources, 0, sources, 1, extraSources.length);
        return new SpringApplicationBuilder(sources)
                .web(WebApplicationType.NONE)
                .run(args.toArray(String[]::new));
    }

    public static ConfigurableApplicationContext start(TestDatabase db, Class<?>... extraSources) {
        return start(db, List.of(), extraSources);
    }
}
