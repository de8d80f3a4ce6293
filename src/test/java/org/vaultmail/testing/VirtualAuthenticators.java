package org.vaultmail.testing;

import java.time.Duration;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Passkeys in Chromium for the browser tests: a virtual authenticator over the DevTools protocol (the WebAuthn domain),
 * and the "add a passkey" steps that the users' and the operators' passkeys pages share (a name, a proof, "Add", then
 * the browser's ceremony, to the page's notice).
 */
public final class VirtualAuthenticators {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private VirtualAuthenticators() {
    }

    /**
     * Adds a platform authenticator (CTAP 2.1, resident keys, user verification, presence simulated) to the page's
     * browser and returns its id. {@code verifiesUser} false: it has a PIN or biometric but the user fails it;
     * {@code prf}: whether it offers the PRF extension.
     */
    public static String add(WebDriver page, boolean verifiesUser, boolean prf) {
        cdp(page, "WebAuthn.enable", Map.of());
        Map<String, Object> result = cdp(page, "WebAuthn.addVirtualAuthenticator", Map.of("options", Map.of(
                "protocol", "ctap2", "ctap2Version", "ctap2_1", "transport", "internal", "hasResidentKey", true,
                "hasUserVerification", true, "isUserVerified", verifiesUser, "hasPrf", prf, "automaticPresenceSimulation", true)));
        return (String) result.get("authenticatorId");
    }

    /** One DevTools command to the page's browser. */
    public static Map<String, Object> cdp(WebDriver page, String command, Map<String, Object> params) {
        return ((ChromeDriver) page).executeCdpCommand(command, params);
    }

    /** Opens a passkeys page, names the new passkey, gives the proof, and creates it; returns the page's notice. */
    public static String addPasskey(WebDriver page, String pageUrl, String name, String proof) {
        page.get(pageUrl);
        page.findElement(By.id("passkey-name")).sendKeys(name);
        page.findElement(By.id("add-proof")).sendKeys(proof);
        return createPasskey(page);
    }

    /** On a filled passkeys form: "Add", then "Create the passkey" (the authenticator answers); returns the notice. */
    public static String createPasskey(WebDriver page) {
        page.findElement(By.id("passkey-add")).click();
        waitForId(page, "passkey-create");
        page.findElement(By.id("passkey-create")).click();
        waitForId(page, "notice");
        return page.findElement(By.id("notice")).getText();
    }

    /** Waits (15 s at most) until the page has an element with this id. */
    public static void waitForId(WebDriver page, String id) {
        Browser.waitUpTo(page, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
    }
}
