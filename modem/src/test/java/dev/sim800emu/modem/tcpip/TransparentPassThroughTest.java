package dev.sim800emu.modem.tcpip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.SerialOutput;
import dev.sim800emu.modem.net.Payload;
import dev.sim800emu.modem.testing.FakeNetwork.FakeLink;
import dev.sim800emu.modem.testing.ModemHarness;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The transparent downlink hands the network's buffer ({@link Payload}) to the serial output as it
 * is when nothing waits ahead of it, and takes an array wherever the bytes must wait or be cut:
 * command mode (kept for ATO), Rxmode 1, held output. The order of bytes never changes.
 */
class TransparentPassThroughTest {

    private final ModemHarness h = new ModemHarness().quiet();
    /** What reached the host: payloads passed on, and arrays. */
    private final List<Object> writes = new ArrayList<>();
    private final ByteArrayOutputStream host = new ByteArrayOutputStream();

    /** A payload that counts how often it was turned into an array. */
    private static final class Bytes implements Payload {
        final byte[] data;
        int arrays;

        Bytes(String s) {
            data = s.getBytes(StandardCharsets.ISO_8859_1);
        }

        @Override
        public int length() {
            return data.length;
        }

        @Override
        public byte[] toArray() {
            arrays++;
            return data.clone();
        }

        @Override
        public byte byteAt(int index) {
            return data[index];
        }

        @Override
        public void copyTo(int index, byte[] dst, int dstOff, int len) {
            System.arraycopy(data, index, dst, dstOff, len);
        }
    }

    private FakeLink connect() {
        FakeLink l = h.transparentLink();
        h.modem.attach(new SerialOutput() {
            @Override
            public void write(byte[] bytes) {
                writes.add(bytes);
                host.writeBytes(bytes);
            }

            @Override
            public void write(Payload data) {
                writes.add(data);
                host.writeBytes(((Bytes) data).data);
            }
        });
        return l;
    }

    private static void receive(FakeLink l, Bytes b) {
        l.listener.onData(b, new InetSocketAddress("116.228.221.51", 8500));
    }

    private String hostText() {
        String s = host.toString(StandardCharsets.ISO_8859_1);
        host.reset();
        return s;
    }

    @Test
    void inDataModeTheBufferGoesToTheHostAsItIs() {
        FakeLink l = connect();
        Bytes b = new Bytes("reply");
        receive(l, b);
        assertThat(writes).containsExactly(b);
        assertThat(b.arrays).as("no copy").isZero();
        assertThat(hostText()).isEqualTo("reply");
    }

    @Test
    void inCommandModeTheBytesWaitForAtoInOrder() {
        FakeLink l = connect();
        h.clock.advance(1000);
        h.send("+++");
        h.clock.advance(1000);
        assertThat(hostText()).isEqualTo("\r\nOK\r\n");
        Bytes first = new Bytes("one,");
        receive(l, first);
        assertThat(first.arrays).as("kept for ATO: an array of its own").isEqualTo(1);
        assertThat(hostText()).isEmpty();
        h.send("ATO\r");
        Bytes second = new Bytes("two");
        receive(l, second);
        assertThat(hostText()).isEqualTo("\r\nCONNECT\r\none,two");
        assertThat(writes.get(writes.size() - 1)).as("nothing waits any more").isSameAs(second);
    }

    @Test
    void pacedDeliveryTakesAnArray() {
        assertThat(h.at("AT+CIPCCFG=5,2,1460,1,1,50,100")).isEqualTo("\r\nOK\r\n");
        FakeLink l = connect();
        Bytes b = new Bytes("x".repeat(120));
        receive(l, b);
        assertThat(b.arrays).isEqualTo(1);
        assertThat(hostText()).hasSize(50);
        h.clock.advance(100);
        h.clock.advance(100);
        assertThat(hostText()).hasSize(70);
    }
}
