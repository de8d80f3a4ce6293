/**
 * Logging: the console format (text or structured JSON) and the redaction layer that keeps secrets
 * out of every log line, whatever the format (ADR 0002).
 */
@NullMarked
package org.vaultmail.logging;

import org.jspecify.annotations.NullMarked;
