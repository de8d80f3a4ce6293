/**
 * Turns untrusted mail bodies into something safe to show: HTML through an allow-list policy (ADR 0011),
 * plain text into escaped HTML with clickable links. Pure functions; no Spring, no I/O.
 */
@NullMarked
package org.vaultmail.sanitize;

import org.jspecify.annotations.NullMarked;
