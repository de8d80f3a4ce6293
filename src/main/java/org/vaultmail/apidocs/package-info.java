/**
 * The API's contract for people and scripts: the hand-written OpenAPI document served at
 * {@code /api/v1/openapi.json} and the page {@code /api/docs} that renders it on the server.
 */
@NullMarked
package org.vaultmail.apidocs;

import org.jspecify.annotations.NullMarked;
