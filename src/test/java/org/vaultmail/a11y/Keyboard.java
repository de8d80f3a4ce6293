package org.vaultmail.a11y;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * Keys only: every step presses keys into whatever has the focus (never {@code click()}, never {@code sendKeys} to an
 * element found by id), and reads where the focus is and whether it can be seen.
 */
final class Keyboard {

    private final WebDriver driver;

    Keyboard(WebDriver driver) {
        this.driver = driver;
    }

    /** Presses {@code keys} (text or {@link Keys}) into the focused element. */
    Keyboard press(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
        return this;
    }

    /** Presses {@code key} while Control is held (Ctrl+A, Ctrl+Home). */
    Keyboard control(CharSequence key) {
        new Actions(driver).keyDown(Keys.CONTROL).sendKeys(key).keyUp(Keys.CONTROL).perform();
        return this;
    }

    Keyboard tab() {
        return press(Keys.TAB);
    }

    Keyboard shiftTab() {
        new Actions(driver).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
        return this;
    }

    WebElement focused() {
        return driver.switchTo().activeElement();
    }

    /** The focused element's id, or a short description when it has none. */
    String focusedName() {
        return String.valueOf(((JavascriptExecutor) driver).executeScript(DESCRIBE + "return describe(document.activeElement);"));
    }

    /** Presses Tab until the element with {@code id} has the focus; fails after {@code max} presses, naming the stops. */
    Keyboard tabTo(String id, int max) {
        List<String> stops = new ArrayList<>();
        for (int i = 0; i < max; i++) {
            tab();
            String now = focusedName();
            if (now.equals("#" + id)) return this;
            stops.add(now);
        }
        throw new AssertionError("Tab did not reach #" + id + " in " + max + " presses; the focus went " + stops);
    }

    /**
     * One Tab stop: where the focus is and whether a sighted keyboard user can see it (an outline on the element, on
     * the label of a visually hidden input, or on its recipient chips box; inside the window).
     */
    record Stop(String name, boolean indicated, boolean onScreen) {
    }

    @SuppressWarnings("unchecked")
    Stop stop() {
        Map<String, Object> m = (Map<String, Object>) ((JavascriptExecutor) driver).executeScript(DESCRIBE + """
                const el = document.activeElement;
                if (!el || el === document.body) return { name: 'body', indicated: true, onScreen: true };
                const ring = e => { const s = getComputedStyle(e); return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0; };
                const indicated = ring(el) || Array.from(el.labels || []).some(ring) || (el.closest('.chips') !== null && ring(el.closest('.chips')));
                const shown = Array.from(el.labels || []).find(l => l.getBoundingClientRect().width > 0) || el;
                const r = shown.getBoundingClientRect();
                const onScreen = r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth;
                return { name: describe(el), indicated, onScreen };
                """);
        return new Stop(String.valueOf(m.get("name")), Boolean.TRUE.equals(m.get("indicated")), Boolean.TRUE.equals(m.get("onScreen")));
    }

    private static final String DESCRIBE = """
            const describe = e => !e ? 'nothing' : e === document.body ? 'body' : e.id ? '#' + e.id
                : e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : '')
                  + (e.getAttribute('href') ? '[href=' + e.getAttribute('href') + ']' : '')
                  + (e.textContent.trim() ? ' "' + e.textContent.trim().replace(/\\s+/g, ' ').slice(0, 30) + '"' : '');
            """;
}
