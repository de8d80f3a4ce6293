/**
 * What the operator console may do with users (list and search them with their last sign-in, MFA status and active
 * sessions; end all their sessions; reset their second factor) and the event that tells the user by mail. The
 * {@code users} row itself is written at sign-in by {@code auth.session}. Exposed as {@code @NamedInterface("users")}.
 */
@NullMarked
package org.vaultmail.auth.users;

import org.jspecify.annotations.NullMarked;
