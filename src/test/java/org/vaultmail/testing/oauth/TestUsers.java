package org.vaultmail.testing.oauth;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Every {@code *@example.test} address is a user of the authorization server, with the password
 * {@code <local-part>-sso}: deliberately not the IMAP password {@code <local-part>-pass}, so a mail login that
 * succeeds proves the token was used.
 */
final class TestUsers implements UserDetailsService {

    static final String DOMAIN = "example.test";
    private static final Pattern ADDRESS = Pattern.compile("[a-z0-9._+-]+@" + Pattern.quote(DOMAIN));

    /** The authorization server password of {@code address}. */
    static String password(String address) {
        return address.substring(0, address.indexOf('@')) + "-sso";
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        String address = username.trim().toLowerCase(Locale.ROOT);
        if (!ADDRESS.matcher(address).matches()) throw new UsernameNotFoundException("not a test user");
        return User.withUsername(address).password("{noop}" + password(address))
                .authorities(List.of(new SimpleGrantedAuthority("ROLE_USER"))).build();
    }
}
