/**
 * The outbox's delivery worker (ADR 0038, 0044): claims due messages under per-mailbox send limits, sends each through
 * its mailbox's transport (SMTP, or the provider's send API for an OAuth mailbox), and moves it through the state
 * machine {@code queued → sending → sent | failed | held | delivery_uncertain} with one conditional UPDATE per transition
 * ({@code DeliveryRows}, {@code Transitions}); the DATA mark is committed before DATA is written, and the recovery sweep
 * turns what a dead node left into a retry or a visible {@code delivery_uncertain} (G11). Logs and events carry ids and
 * reply codes, never recipients or content.
 */
@NullMarked
package org.vaultmail.gateway.outbox.delivery;

import org.jspecify.annotations.NullMarked;
