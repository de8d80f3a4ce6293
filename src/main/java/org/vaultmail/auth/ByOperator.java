package org.vaultmail.auth;

import org.jspecify.annotations.Nullable;

/** Who, in the operator console, asks for a change on a user: the operator's name and client address. */
public record ByOperator(String name, @Nullable String clientAddress) {
}
