/**
 * Benchmark harnesses run against a real server process ({@code bench/reading.sh}, {@code bench/load.sh}):
 * they are programs with a {@code main}, not tests, and talk to Vaultmail over HTTP on loopback and to
 * Dovecot over raw IMAP (the floor). Results and method: {@code docs/benchmarks.md}, "Reading (issue 4)".
 */
@NullMarked
package org.vaultmail.bench;

import org.jspecify.annotations.NullMarked;
