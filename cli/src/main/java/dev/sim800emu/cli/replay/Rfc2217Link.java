package dev.sim800emu.cli.replay;

import static dev.sim800emu.modem.serial.TelnetCodec.BINARY;
import static dev.sim800emu.modem.serial.TelnetCodec.COM_PORT_OPTION;
import static dev.sim800emu.modem.serial.TelnetCodec.DO;
import static dev.sim800emu.modem.serial.TelnetCodec.SGA;
import static dev.sim800emu.modem.serial.TelnetCodec.WILL;

import dev.sim800emu.modem.LineState;
import dev.sim800emu.modem.serial.TelnetCodec;
import dev.sim800emu.modem.serial.TelnetParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Set;

/**
 * A modem behind an RFC 2217 server (another emulator's {@code --rfc2217}, ser2net): the smallest
 * client that replays a recording's control lines and hears the modem's. It agrees to the
 * server's BINARY, SGA and COM-PORT-OPTION offers, sets DTR and RTS with SET-CONTROL, and reads the
 * modem's lines from NOTIFY-MODEMSTATE; it never asks for anything else (baud rate, flow control).
 */
final class Rfc2217Link implements ReplayLink {
    private static final int SET_CONTROL = 5;
    private static final int DTR_ON = 8;
    private static final int DTR_OFF = 9;
    private static final int RTS_ON = 11;
    private static final int RTS_OFF = 12;
    /** NOTIFY-MODEMSTATE from the server (7 + 100), and its bits. */
    private static final int NOTIFY_MODEMSTATE = 107;
    private static final int CD = 0x80;
    private static final int RI = 0x40;
    private static final int DSR = 0x20;
    private static final int CTS = 0x10;
    private static final Set<Integer> AGREED = Set.of(BINARY, SGA, COM_PORT_OPTION);

    private final InetSocketAddress address;
    private final Received received;
    private Socket socket;
    private OutputStream out;
    private Thread reader;
    private volatile boolean leaving;

    Rfc2217Link(InetSocketAddress address, Received received) {
        this.address = address;
        this.received = received;
    }

    @Override
    public void connect() throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(address.getHostString(), address.getPort()), 5000);
        s.setTcpNoDelay(true);
        socket = s;
        out = s.getOutputStream();
        leaving = false;
        received.reopen();
        InputStream in = s.getInputStream();
        boolean[][] answered = new boolean[2][256];
        TelnetParser parser = new TelnetParser(new TelnetParser.Handler() {
            @Override
            public void data(byte[] bytes, int off, int len) {
                received.add(bytes, off, len);
            }

            @Override
            public void negotiation(int verb, int option) {
                // each offer is agreed to once: a second answer could start a loop
                int side = verb == WILL ? 0 : verb == DO ? 1 : -1;
                if (side >= 0 && AGREED.contains(option) && !answered[side][option]) {
                    answered[side][option] = true;
                    write(TelnetCodec.negotiation(verb == WILL ? DO : WILL, option));
                }
            }

            @Override
            public void subnegotiation(int option, byte[] payload) {
                if (option == COM_PORT_OPTION && payload.length == 2 && (payload[0] & 0xFF) == NOTIFY_MODEMSTATE) {
                    int m = payload[1] & 0xFF;
                    received.lines(new LineState((m & CD) != 0, (m & RI) != 0, (m & CTS) != 0, (m & DSR) != 0));
                }
            }
        });
        reader = new Thread(() -> {
            byte[] buf = new byte[4096];
            try {
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    parser.feed(buf, 0, n);
                }
            } catch (IOException e) {
                // the link is closing
            } finally {
                if (!leaving) {
                    received.close();
                }
            }
        }, "sim800emu-replay-rfc2217");
        reader.setDaemon(true);
        reader.start();
    }

    private void write(byte[] bytes) {
        OutputStream o = out;
        if (o == null) {
            return;
        }
        synchronized (this) {
            try {
                o.write(bytes);
                o.flush();
            } catch (IOException e) {
                // the reader sees the line close
            }
        }
    }

    @Override
    public void send(byte[] bytes) throws IOException {
        if (out == null) {
            throw new IOException("not connected to " + describe());
        }
        write(TelnetCodec.escape(bytes));
    }

    /** SET-CONTROL; before the host connects there is nothing to set: the server raises both lines for it. */
    @Override
    public boolean control(boolean rts, boolean asserted) {
        int value = rts ? (asserted ? RTS_ON : RTS_OFF) : (asserted ? DTR_ON : DTR_OFF);
        write(TelnetCodec.subnegotiation(COM_PORT_OPTION, (byte) SET_CONTROL, (byte) value));
        return true;
    }

    @Override
    public boolean reportsLines() {
        return true;
    }

    @Override
    public String describe() {
        return "rfc2217://" + address.getHostString() + ":" + address.getPort();
    }

    @Override
    public void disconnect(boolean powerOff) {
        leaving = true;
        close();
    }

    @Override
    public void close() {
        Socket s = socket;
        if (s == null) {
            return;
        }
        socket = null;
        out = null;
        ReplayLink.closeAndJoin(s, reader);
    }
}
