package io.fieldcast.simulator.demo;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --portal-share}: a share or a percentage of the customers, 30 % unless told. */
class DemoOptionsTest {

    @Test
    void aThirdOrSoOfTheCustomersBookOnlineUnlessTold() {
        assertEquals(0.3, DemoOptions.parse().portalShare());
        assertEquals(0.5, DemoOptions.parse("--portal-share", "0.5").portalShare());
        assertEquals(0.25, DemoOptions.parse("--portal-share=25%").portalShare());
        assertEquals(0.0, DemoOptions.parse("--portal-share", "0").portalShare());
    }

    @Test
    void aShareOutsideNoneToAllIsRefusedWithTheReason() {
        for (String bad : new String[]{"1.5", "-0.1", "120%", "half"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> DemoOptions.parse("--portal-share", bad));
            assertTrue(e.getMessage().contains("--portal-share"), e.getMessage());
        }
    }

    @Test
    void aDayToPlayIsADate() {
        assertEquals(java.time.LocalDate.of(2026, 12, 11), DemoOptions.parse("--date", "2026-12-11").date());
        assertEquals(null, DemoOptions.parse().date(), "from today unless told");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DemoOptions.parse("--date", "11/12/2026"));
        assertTrue(e.getMessage().contains("--date must be a day such as"), e.getMessage());
    }
}
