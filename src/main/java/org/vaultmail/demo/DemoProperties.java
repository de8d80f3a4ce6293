package org.vaultmail.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the demo's in-process mail server listens ({@code vaultmail.demo.*}); always on 127.0.0.1.
 * A port of 0 means any free one; the {@code demo.test} domain is pointed at the ports actually used.
 */
@ConfigurationProperties("vaultmail.demo")
record DemoProperties(@DefaultValue("3143") int imapPort, @DefaultValue("3025") int smtpPort) {
}
