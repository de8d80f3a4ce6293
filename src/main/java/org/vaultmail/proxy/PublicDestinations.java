package org.vaultmail.proxy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * The production policy: ports 80 and 443 only, and a host whose every resolved address is public
 * unicast ({@link SpecialAddresses}). One bad address refuses the host: the client could pick any of them.
 */
final class PublicDestinations implements DestinationPolicy {

    static final Set<Integer> PORTS = Set.of(80, 443);

    /** DNS lookup, replaceable in tests. */
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final Resolver resolver;
    private final IntPredicate allowedPort;

    PublicDestinations(Resolver resolver, IntPredicate allowedPort) {
        this.resolver = resolver;
        this.allowedPort = allowedPort;
    }

    PublicDestinations(Resolver resolver) {
        this(resolver, PORTS::contains);
    }

    PublicDestinations() {
        this(InetAddress::getAllByName);
    }

    @Override
    public List<InetAddress> vet(RemoteUrl url) {
        if (!allowedPort.test(url.port())) {
            throw RemoteContentException.forbidden("Only the standard ports 80 and 443 are fetched.");
        }
        List<InetAddress> addresses = url.literal() != null ? List.of(url.literal()) : resolve(url.host());
        for (InetAddress address : addresses) {
            if (SpecialAddresses.refusal(address) != null) {
                throw RemoteContentException.forbidden("The host is, or resolves to, a loopback, private, link-local or "
                        + "otherwise reserved address, which Vaultmail does not fetch from.");
            }
        }
        return addresses;
    }

    private List<InetAddress> resolve(String host) {
        try {
            InetAddress[] found = resolver.resolve(host);
            if (found.length == 0) throw new UnknownHostException();
            return List.of(found);
        } catch (UnknownHostException e) {
            throw RemoteContentException.unavailable("The remote host name could not be resolved.");
        }
    }
}
