package dev.sim800emu.cli.replay;

import dev.sim800emu.modem.record.ModemSide;
import dev.sim800emu.modem.record.Recording;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code replay --as-modem}: serves one host on a TCP serial line and plays the recording's modem
 * side to it ({@link ModemSide}). Returns 0 when the host sent what the recording has, 1 when it
 * sent something else, went silent for {@code timeout} or left early.
 */
final class ModemReplay {
    private static final int LINGER_MILLIS = 300;

    private final Recording recording;
    private final boolean recordedTiming;
    private final int timeoutMillis;

    ModemReplay(Recording recording, boolean recordedTiming, int timeoutMillis) {
        this.recording = recording;
        this.recordedTiming = recordedTiming;
        this.timeoutMillis = timeoutMillis;
    }

    /** Binds {@code bind} (before anything is printed, so a bad address is reported first). */
    static ServerSocket listen(InetSocketAddress bind) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(bind, 1);
        return server;
    }

    int serve(ServerSocket server, PrintWriter out) throws IOException, InterruptedException {
        try (Socket host = server.accept()) {
            host.setTcpNoDelay(true);
            server.close(); // a serial line has one end
            return play(host, out);
        }
    }

    private int play(Socket host, PrintWriter out) throws IOException, InterruptedException {
        InputStream in = host.getInputStream();
        OutputStream modemOut = host.getOutputStream();
        ModemSide side = new ModemSide(recording);
        int sent = send(side.start(), modemOut);
        byte[] buf = new byte[4096];
        while (!side.finished()) {
            int n;
            try {
                host.setSoTimeout(timeoutMillis);
                n = in.read(buf);
            } catch (SocketTimeoutException e) {
                out.println("replay: the host sent nothing for " + timeoutMillis + " ms; waiting for " + side.waitingFor());
                return 1;
            }
            if (n < 0) {
                out.println("replay: the host closed the line; waiting for " + side.waitingFor());
                return 1;
            }
            List<ModemSide.Send> sends = side.fromHost(buf, 0, n);
            sent += send(sends, modemOut);
            if (side.divergence() != null) {
                out.println("replay: " + side.divergence());
                return 1;
            }
        }
        // the host's last bytes may cross the end of the recording: listen a moment for anything extra
        try {
            host.setSoTimeout(LINGER_MILLIS);
            int n = in.read(buf);
            if (n > 0) {
                side.fromHost(buf, 0, n);
                out.println("replay: " + side.divergence());
                return 1;
            }
        } catch (SocketTimeoutException e) {
            // quiet: the host is done
        }
        out.println("replay: the host sent what the recording has; " + sent + " modem events played");
        return 0;
    }

    private int send(List<ModemSide.Send> sends, OutputStream modemOut) throws IOException, InterruptedException {
        for (ModemSide.Send s : sends) {
            if (recordedTiming && s.delayMicros() > 0) {
                modemOut.flush();
                TimeUnit.MICROSECONDS.sleep(s.delayMicros());
            }
            modemOut.write(s.bytes());
        }
        modemOut.flush();
        return sends.size();
    }
}
