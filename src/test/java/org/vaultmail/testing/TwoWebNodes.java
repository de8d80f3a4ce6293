package org.vaultmail.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.vaultmail.VaultmailApplication;

/**
 * Two web nodes of Vaultmail on one PostgreSQL schema and data directory, as a cluster behind a load balancer would
 * be: each on a random port with an {@link HttpCalls} to it, scheduled polls off, quiet logs. Tests give the
 * properties that differ (throttling, mail domains) and extra sources (a shared settable clock).
 */
public final class TwoWebNodes implements AutoCloseable {

    private final TestDatabase db;
    public final ConfigurableApplicationContext nodeA;
    public final ConfigurableApplicationContext nodeB;
    public final HttpCalls a;
    public final HttpCalls b;

    private TwoWebNodes(TestDatabase db, ConfigurableApplicationContext nodeA, ConfigurableApplicationContext nodeB) {
        this.db = db;
        this.nodeA = nodeA;
        this.nodeB = nodeB;
        this.a = new HttpCalls(port(nodeA));
        this.b = new HttpCalls(port(nodeB));
    }

    /** A new schema, then node A and node B with {@code args} after the common ones. */
    public static TwoWebNodes start(String dirPrefix, List<String> args, Class<?>... extraSources) throws IOException {
        TestDatabase db = TestDatabase.create(TestDatabase.Kind.POSTGRES, Files.createTempDirectory(dirPrefix));
        ConfigurableApplicationContext a = null;
        try {
            a = node(db, args, extraSources);
            return new TwoWebNodes(db, a, node(db, args, extraSources));
        } catch (RuntimeException e) {
            if (a != null) a.close();
            db.close();
            throw e;
        }
    }

    public TestDatabase db() {
        return db;
    }

    public static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port", "0"));
    }

    @Override
    public void close() {
        nodeA.close();
        nodeB.close();
        db.close();
    }

    private static ConfigurableApplicationContext node(TestDatabase db, List<String> extra, Class<?>... extraSources) {
        List<String> args = new ArrayList<>(db.springArgs());
        args.addAll(List.of("--server.port=0", "--vaultmail.scheduling.enabled=false", "--logging.level.root=warn"));
        args.addAll(extra);
        Class<?>[] sources = new Class<?>[extraSources.length + 1];
        sources[0] = VaultmailApplication.class;
        System.arraycopy(extraSources, 0, sources, 1, extraSources.length);
        return new SpringApplicationBuilder(sources).web(WebApplicationType.SERVLET).run(args.toArray(String[]::new));
    }
}
