package org.vaultmail.auth.users;

import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

/** Who, in the operator console, asks for a change on a user: the operator's name and client address. */
@NamedInterface("users")
public record ByOperator(String name, @Nullable String clientAddress) {
}
