/**
 * Operational metrics for Prometheus: sign-ins and their failures by reason (lockouts among them),
 * revocations, refresh-token reuse, MFA failures, the IMAP pool's size and the time mail operations take,
 * beside what Spring Boot measures itself (HTTP latencies, JVM, database pool). Served at
 * {@code /actuator/prometheus} only to a scraper that presents the configured bearer token; no metric
 * carries a user's name or address.
 */
@NullMarked
package org.vaultmail.metrics;

import org.jspecify.annotations.NullMarked;
