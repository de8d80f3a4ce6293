package org.vaultmail.mail.internal;

import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.mail.Session;
import org.vaultmail.account.MailServers;

/**
 * One Angus Mail {@link Session} per domain and set of session properties, shared by every connection.
 * A {@code Session} is thread-safe and its stores stay separate; creating one per connection made every
 * sign-in and every pooled connection load the protocol providers again, through the nested-jar class
 * loader's lock inside a native {@code Class.forName} frame, which pins a virtual thread's carrier: a
 * burst of sign-ins on a two-core machine could leave every carrier blocked on that lock (seen in the
 * load benchmark, docs/benchmarks.md). The servers' trust-store file stands for the socket factory built
 * from it; the operator's configuration fixes both for the life of the process.
 */
public final class MailSessions {

    private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";
    private static final Map<Key, Session> SESSIONS = new ConcurrentHashMap<>();

    /** The servers (domain, endpoints, trust-store file) and the properties as text. */
    private record Key(MailServers servers, String properties) {
    }

    static {
        // jakarta.mail looks its StreamProvider up on every decode (a ServiceLoader scan through the nested jar)
        // unless it is named; naming Angus's own makes each lookup a class load by name (docs/benchmarks.md)
        if (System.getProperty(STREAM_PROVIDER) == null) System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
    }

    private MailSessions() {
    }

    /** The shared session for these servers with these properties (created on first use). */
    public static Session of(MailServers servers, Properties props) {
        return SESSIONS.computeIfAbsent(new Key(servers, text(props)), k -> Session.getInstance(props));
    }

    /** Every property; objects (the trust store's socket factory, built from the servers' trust store) by class. */
    static String text(Properties props) {
        Map<String, String> sorted = new TreeMap<>();
        for (String name : props.stringPropertyNames()) sorted.put(name, props.getProperty(name));
        for (Map.Entry<Object, Object> e : props.entrySet()) {
            if (!(e.getValue() instanceof String)) sorted.put(String.valueOf(e.getKey()), e.getValue().getClass().getName());
        }
        return sorted.toString();
    }
}
