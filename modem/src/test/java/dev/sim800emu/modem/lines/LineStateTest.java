package dev.sim800emu.modem.lines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.LineState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** LineState's hand-written equality is a record's: the same four lines, the same value. */
class LineStateTest {

    private static List<LineState> all() {
        List<LineState> states = new ArrayList<>();
        for (int bits = 0; bits < 16; bits++) {
            states.add(new LineState((bits & 8) != 0, (bits & 4) != 0, (bits & 2) != 0, (bits & 1) != 0));
        }
        return states;
    }

    @Test
    void equalExactlyWhenEveryLineIsTheSame() {
        List<LineState> a = all();
        List<LineState> b = all();
        for (int i = 0; i < 16; i++) {
            for (int j = 0; j < 16; j++) {
                assertThat(a.get(i).equals(b.get(j))).as("%s vs %s", a.get(i), b.get(j)).isEqualTo(i == j);
            }
            assertThat(a.get(i).hashCode()).isEqualTo(b.get(i).hashCode());
            assertThat(a.get(i)).isNotEqualTo(null).isNotEqualTo("x");
        }
        assertThat(new HashSet<>(a)).hasSize(16);
        assertThat(LineState.OFF).isEqualTo(new LineState(false, false, false, false));
    }
}
