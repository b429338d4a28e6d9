package dev.sim800emu.modem.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModemSelectionTest {
    private static final List<String> IDS = ids(100);

    private static List<String> ids(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(String.valueOf(i));
        }
        ids.add("lab-bench");
        return ids;
    }

    @Test
    void allRangesAndSingleIds() {
        assertThat(ModemSelection.parse("all", 0).pick(IDS)).hasSize(101).contains("lab-bench");
        assertThat(ModemSelection.parse("10-12", 0).pick(IDS)).containsExactly("10", "11", "12");
        assertThat(ModemSelection.parse("7", 0).pick(IDS)).containsExactly("7");
        assertThat(ModemSelection.parse("500-600", 0).pick(IDS)).isEmpty();
    }

    @Test
    void aShareIsTheSameForTheSameSeedAndDiffersForAnother() {
        List<String> a = ModemSelection.parse("10%", 42).pick(IDS);
        assertThat(a).hasSize(10).isEqualTo(ModemSelection.parse("10%", 42).pick(IDS));
        assertThat(ModemSelection.parse("10%", 43).pick(IDS)).hasSize(10).isNotEqualTo(a);
        // In the fleet's order, whatever order the draw gave them.
        assertThat(a).isSortedAccordingTo((x, y) -> Integer.compare(IDS.indexOf(x), IDS.indexOf(y)));
        assertThat(ModemSelection.parse("100%", 1).pick(IDS)).isEqualTo(IDS);
    }

    @Test
    void nonsenseIsRefusedWithOneLine() {
        for (String bad : new String[] {"", "0%", "101%", "5-2", "x", "-3", "1-2-3"}) {
            assertThatThrownBy(() -> ModemSelection.parse(bad, 0)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .message().doesNotContain("\n");
        }
    }
}
