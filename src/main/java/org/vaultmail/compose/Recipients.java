package org.vaultmail.compose;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.jspecify.annotations.Nullable;
import org.vaultmail.i18n.UserText;

/**
 * Parses what the user typed in an address field ({@code bob@example.org} or {@code Bob Example <bob@example.org>})
 * into one checked address each: no header injection, a strict RFC 5322 addr-spec with a domain, no groups and
 * no lists in one entry. Display names are encoded (RFC 2047) when not ASCII.
 */
final class Recipients {

    /** Local part @ a domain with at least one label; no route, no quoted local part with specials. */
    private static final Pattern ADDRESS = Pattern.compile("[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~.-]{1,64}@[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,62}[\\p{L}\\p{N}])?(?:\\.[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,62}[\\p{L}\\p{N}])?)*");

    private static final String INVALID = "problem.compose.invalidAddress";

    private Recipients() {
    }

    /** Every entry of {@code values} as an address; {@code field} names the list ({@code to}), entries are {@code to[i]}. */
    static List<InternetAddress> parse(String field, @Nullable List<String> values) {
        List<InternetAddress> out = new ArrayList<>();
        if (values == null) return out;
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (value == null || value.isBlank()) continue;
            out.add(one(field + "[" + i + "]", value));
        }
        return out;
    }

    /** One address; {@code field} names it in errors. */
    static InternetAddress one(String field, String value) {
        HeaderText.check(field, value);
        InternetAddress[] parsed;
        try {
            parsed = InternetAddress.parseHeader(value.strip(), true);
        } catch (AddressException e) {
            throw new ComposeException(field, UserText.of(INVALID, field, value.strip()));
        }
        if (parsed.length != 1 || parsed[0].isGroup()) {
            throw new ComposeException(field, UserText.of("problem.compose.oneAddress", field, value.strip()));
        }
        return address(field, parsed[0].getAddress(), parsed[0].getPersonal());
    }

    /** An address with an optional display name, both checked. */
    static InternetAddress address(String field, String address, @Nullable String name) {
        HeaderText.check(field, address);
        HeaderText.check(field + ".name", name);
        String spec = address.strip();
        if (spec.length() > 254 || !ADDRESS.matcher(spec).matches() || spec.startsWith(".") || spec.contains("..")) {
            throw new ComposeException(field, UserText.of(INVALID, field, spec));
        }
        try {
            InternetAddress a = new InternetAddress();
            a.setAddress(spec);
            if (name != null && !name.isBlank()) a.setPersonal(name.strip(), StandardCharsets.UTF_8.name());
            return a;
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The bare addresses, for the SMTP envelope. */
    static List<String> specs(List<InternetAddress> addresses) {
        return addresses.stream().map(InternetAddress::getAddress).toList();
    }
}
