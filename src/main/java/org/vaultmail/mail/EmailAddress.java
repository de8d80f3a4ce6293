package org.vaultmail.mail;

import org.jspecify.annotations.Nullable;

/** A display name (decoded, may be null) and an addr-spec as they appear in a header. */
public record EmailAddress(@Nullable String name, String address) {
}
