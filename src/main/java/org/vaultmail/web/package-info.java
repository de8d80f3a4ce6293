/**
 * What every request goes through before and after a feature's controller: the first filters (canonical paths,
 * undecodable parameters, trusted proxies and the client's origin; ADR 0024, 0030), TLS cipher suites when Vaultmail
 * terminates TLS, and the one way errors are answered ({@link org.vaultmail.web.ApiPaths}: {@code problem+json} on the
 * APIs, the HTML error page elsewhere; {@link org.vaultmail.web.ApiProblems}, {@code RequestProblems}, {@code
 * ErrorPages}, Tomcat's own report; ADR 0031), and the front page. Pages themselves live with their features.
 */
@NullMarked
package org.vaultmail.web;

import org.jspecify.annotations.NullMarked;
