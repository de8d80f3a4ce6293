/**
 * {@code ./vaultmail migrate …}: the operator's command line for migration jobs (issue 14), over the public
 * {@code org.vaultmail.migrate} interfaces. Passwords come from files only, never from arguments or the environment.
 */
@NullMarked
package org.vaultmail.admin.migrations;

import org.jspecify.annotations.NullMarked;
