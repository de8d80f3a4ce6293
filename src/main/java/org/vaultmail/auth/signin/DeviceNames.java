package org.vaultmail.auth.signin;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * A short, human name for a session's device from its User-Agent ("Firefox on Windows", "Safari on
 * iPhone", "curl"), so people recognise their sessions. A heuristic, not a fingerprint: the raw
 * header stays available as the title of the entry.
 */
final class DeviceNames {

    private DeviceNames() {
    }

    static String of(@Nullable String userAgent) {
        if (userAgent == null || userAgent.isBlank()) return "Unknown device";
        String ua = userAgent.toLowerCase(Locale.ROOT);
        String browser = browser(ua);
        String system = system(ua);
        if (browser == null && system == null) {
            String product = userAgent.strip().split("[/\\s]", 2)[0];
            return product.isEmpty() || product.length() > 40 ? "Unknown device" : product;
        }
        if (browser == null) return system;
        return system == null ? browser : browser + " on " + system;
    }

    private static @Nullable String browser(String ua) {
        if (ua.contains("edg/")) return "Edge";
        if (ua.contains("opr/") || ua.contains("opera")) return "Opera";
        if (ua.contains("firefox/") || ua.contains("fxios/")) return "Firefox";
        if (ua.contains("headlesschrome/")) return "Headless Chrome";
        if (ua.contains("chromium/")) return "Chromium";
        if (ua.contains("chrome/") || ua.contains("crios/")) return "Chrome";
        if (ua.contains("safari/") && ua.contains("version/")) return "Safari";
        if (ua.startsWith("curl/")) return "curl";
        if (ua.contains("thunderbird/")) return "Thunderbird";
        return null;
    }

    private static @Nullable String system(String ua) {
        if (ua.contains("iphone")) return "iPhone";
        if (ua.contains("ipad")) return "iPad";
        if (ua.contains("android")) return "Android";
        if (ua.contains("windows")) return "Windows";
        if (ua.contains("mac os x") || ua.contains("macintosh")) return "macOS";
        if (ua.contains("cros")) return "ChromeOS";
        if (ua.contains("linux")) return "Linux";
        return null;
    }
}
