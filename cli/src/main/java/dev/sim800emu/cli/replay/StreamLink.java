package dev.sim800emu.cli.replay;

import dev.sim800emu.driver.transport.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A modem behind one of the driver's transports (a TCP serial line, a serial port): a reader thread
 * fills {@link Received}. These carry no control lines, so DTR and RTS events are not replayed. A
 * recorded disconnect closes the transport, and the next connect opens a new one.
 */
final class StreamLink implements ReplayLink {

    /** Opens the transport, each time a host comes. */
    interface Opener {
        Transport open() throws IOException;
    }

    private final Opener opener;
    private final String address;
    private final Received received;
    private Transport transport;
    private OutputStream out;
    private Thread reader;
    /** Set while the replay closes the transport itself: its end of stream is no news. */
    private volatile boolean leaving;

    StreamLink(String address, Opener opener, Received received) {
        this.address = address;
        this.opener = opener;
        this.received = received;
    }

    @Override
    public void connect() throws IOException {
        Transport t = opener.open();
        transport = t;
        out = t.output();
        leaving = false;
        received.reopen();
        InputStream in = t.input();
        reader = new Thread(() -> {
            byte[] buf = new byte[4096];
            try {
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    received.add(buf, 0, n);
                }
            } catch (IOException e) {
                // the link is closing
            } finally {
                if (!leaving) {
                    received.close();
                }
            }
        }, "sim800emu-replay-reader");
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    public void send(byte[] bytes) throws IOException {
        if (out == null) {
            throw new IOException("not connected to " + address);
        }
        out.write(bytes);
        out.flush();
    }

    @Override
    public boolean control(boolean rts, boolean asserted) {
        return false;
    }

    @Override
    public String describe() {
        return transport != null ? transport.describe() : address;
    }

    @Override
    public void disconnect(boolean powerOff) {
        leaving = true;
        close();
    }

    @Override
    public void close() {
        Transport t = transport;
        if (t == null) {
            return;
        }
        transport = null;
        out = null;
        ReplayLink.closeAndJoin(t, reader);
    }
}
