/**
 * Organising mail for the signed-in user (ADR 0018): flags, move, copy, delete, archive and junk on chosen messages
 * or on everything matching in a folder, big selections as background jobs with progress, undo of moves and deletes,
 * and folder management. The {@link org.vaultmail.organise.Organiser} service serves both the JSON API and the UI.
 */
@NullMarked
package org.vaultmail.organise;

import org.jspecify.annotations.NullMarked;
