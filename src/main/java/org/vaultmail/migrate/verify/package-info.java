/**
 * The migration verifier (issue 14, "a verifier compares both sides"): reads a source and a destination folder
 * read-only and compares them as multisets of raw SHA-256, flags and INTERNALDATE. Used by the tests, the benchmark
 * and the CLI's {@code migrate verify} (a named interface: the CLI prints its report).
 */
@NullMarked
@NamedInterface("verify")
package org.vaultmail.migrate.verify;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
