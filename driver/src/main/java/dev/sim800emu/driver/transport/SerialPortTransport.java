package dev.sim800emu.driver.transport;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A serial port through jSerialComm: a USB adapter ({@code /dev/ttyUSB0}), the Raspberry Pi's UART
 * ({@code /dev/serial0}), or a pseudo-terminal such as the emulator's {@code --pty} link. 8N1, no
 * flow control unless asked for.
 */
public final class SerialPortTransport implements Transport {
    /** How long one read waits before the reader checks whether the port was closed. */
    private static final int READ_POLL_MILLIS = 100;

    private final SerialPort port;
    private final InputStream in;
    private volatile boolean closed;

    private SerialPortTransport(SerialPort port) {
        this.port = port;
        InputStream raw = port.getInputStreamWithSuppressedTimeoutExceptions();
        this.in = new PollingInput(raw);
    }

    /** Opens {@code path} at {@code baud}; {@code rtsCts} turns on hardware flow control. */
    public static SerialPortTransport open(String path, int baud, boolean rtsCts) throws IOException {
        SerialPort p;
        try {
            p = SerialPort.getCommPort(path);
        } catch (RuntimeException e) {
            throw new IOException("no serial port " + path + ": " + e.getMessage(), e);
        }
        p.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        p.setFlowControl(rtsCts ? SerialPort.FLOW_CONTROL_RTS_ENABLED | SerialPort.FLOW_CONTROL_CTS_ENABLED
                : SerialPort.FLOW_CONTROL_DISABLED);
        // Semi-blocking with a short timeout rather than blocking forever: a read returns now and
        // then, so that close() ends the reader even where the OS does not wake a blocked read.
        p.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                READ_POLL_MILLIS, 0);
        if (!p.openPort()) {
            throw new IOException("cannot open serial port " + path + " (error " + p.getLastErrorCode() + ")");
        }
        return new SerialPortTransport(p);
    }

    @Override
    public InputStream input() {
        return in;
    }

    @Override
    public OutputStream output() {
        return port.getOutputStream();
    }

    @Override
    public String describe() {
        return port.getSystemPortPath();
    }

    @Override
    public void close() {
        closed = true;
        port.closePort();
    }

    /** Turns the port's "nothing within the timeout" (0 bytes) into waiting on, until closed. */
    private final class PollingInput extends InputStream {
        private final InputStream raw;

        PollingInput(InputStream raw) {
            this.raw = raw;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (true) {
                if (closed) {
                    return -1;
                }
                int n;
                try {
                    n = raw.read(b, off, len);
                } catch (IOException e) {
                    if (closed) {
                        return -1;
                    }
                    throw e;
                }
                if (n != 0) {
                    return n;
                }
            }
        }
    }
}
