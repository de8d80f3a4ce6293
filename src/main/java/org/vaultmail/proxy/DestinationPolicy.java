package org.vaultmail.proxy;

import java.net.InetAddress;
import java.util.List;

/**
 * Decides where the proxy may connect: resolves a URL's host once and returns the vetted addresses,
 * which are the only ones the fetcher then connects to (no second DNS lookup, so no DNS rebinding).
 */
interface DestinationPolicy {

    /** The addresses to connect to for {@code url}; throws {@link RemoteContentException} if any is refused. */
    List<InetAddress> vet(RemoteUrl url);
}
