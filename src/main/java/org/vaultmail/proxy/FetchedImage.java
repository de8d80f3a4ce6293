package org.vaultmail.proxy;

/** A remote image the proxy fetched and checked: its sniffed type and its bytes. */
record FetchedImage(ImageType type, byte[] bytes) {
}
