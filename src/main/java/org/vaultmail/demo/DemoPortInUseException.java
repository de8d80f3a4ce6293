package org.vaultmail.demo;

/** A port the demo mail server needs is taken, typically by another {@code ./vaultmail demo}. */
class DemoPortInUseException extends RuntimeException {

    private final String property;

    DemoPortInUseException(String protocol, String host, int port, String property, Throwable cause) {
        super("The demo mail server cannot listen for " + protocol + " on " + host + ":" + port
                + ": the port is already in use (is another './vaultmail demo' running?)", cause);
        this.property = property;
    }

    String property() {
        return property;
    }
}
