package dev.sim800emu.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.driver.Sim800;
import dev.sim800emu.driver.SignalQuality;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

class ExtensionTest {
    static final Set<String> perTest = ConcurrentHashMap.newKeySet();
    static final Set<String> perClass = ConcurrentHashMap.newKeySet();

    @Nested
    @WithVirtualSim800(attachGprs = false)
    class FreshPerTest {
        @Test
        void one(VirtualSim800 modem, Sim800 driver) throws Exception {
            perTest.add(modem.serialAddress());
            modem.signal(9, 0);
            assertThat(driver.signalQuality()).isEqualTo(new SignalQuality(9, 0));
        }

        @Test
        void two(VirtualSim800 modem, Sim800 driver) throws Exception {
            perTest.add(modem.serialAddress());
            // a fresh modem: the other test's signal change is not here
            assertThat(driver.signalQuality()).isEqualTo(new SignalQuality(20, 0));
            assertThat(modem.serialAddress()).startsWith("tcp://127.0.0.1:");
        }
    }

    @Nested
    @WithVirtualSim800(perClass = true)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class SharedPerClass {
        @Test
        @Order(1)
        void first(VirtualSim800 modem, Sim800 driver) throws Exception {
            perClass.add(modem.serialAddress());
            modem.signal(5, 0);
        }

        @Test
        @Order(2)
        void second(VirtualSim800 modem, Sim800 driver) throws Exception {
            perClass.add(modem.serialAddress());
            assertThat(driver.signalQuality().rssi()).isEqualTo(5);
        }
    }

    @AfterAll
    static void modemsWereFreshOrShared() {
        assertThat(perTest).hasSize(2);
        assertThat(perClass).hasSize(1);
    }
}
