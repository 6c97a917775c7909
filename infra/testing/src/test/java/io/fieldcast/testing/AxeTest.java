package io.fieldcast.testing;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The accessibility check finds what it is there to find: a page with an unlabelled field and no language fails. */
class AxeTest {

    @Test
    void anUnlabelledInputIsASeriousViolationAndALabelledOneIsNot() {
        try (ChromiumSession chromium = ChromiumSession.start()) {
            var browser = chromium.driver();
            browser.get("data:text/html,<html><head><title>t</title></head><body><main><input type=text></main>"
                    + "</body></html>");
            List<Axe.Violation> bad = Axe.serious(browser);
            assertTrue(bad.stream().anyMatch(v -> v.id().equals("label")), bad.toString());

            browser.get("data:text/html,<html lang=en><head><title>t</title></head><body><main><label>Name "
                    + "<input type=text></label></main></body></html>");
            List<Axe.Violation> good = Axe.serious(browser);
            assertTrue(good.isEmpty(), good.toString());
        }
    }
}
