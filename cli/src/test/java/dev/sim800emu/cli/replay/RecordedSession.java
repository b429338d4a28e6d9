package dev.sim800emu.cli.replay;

import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.net.NetworkOptions;
import dev.sim800emu.modem.netty.NettyNetwork;
import dev.sim800emu.modem.runtime.SessionRecorder;
import dev.sim800emu.modem.runtime.VirtualModem;
import io.netty.channel.EventLoopGroup;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A session recorded against an in-process emulator with {@code --record}'s recorder: boot, a
 * GPRS link, CIPSTART and CIPSEND to a loopback echo server, a DTR drop, CIPCLOSE. The echo server
 * answers 200 ms after it reads, so the echo comes after SEND OK in every run. Keeps the server up
 * for replays (the recording names its port).
 */
final class RecordedSession implements AutoCloseable {
    final ServerSocket echo;
    private final Thread echoThread;
    /** What the emulator sent the host during the recording. */
    byte[] modemSent;

    RecordedSession() throws Exception {
        echo = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        echoThread = new Thread(this::serveEcho, "echo");
        echoThread.setDaemon(true);
        echoThread.start();
    }

    private void serveEcho() {
        while (!echo.isClosed()) {
            try (Socket s = echo.accept()) {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                byte[] buf = new byte[256];
                for (int n = in.read(buf); n > 0; n = in.read(buf)) {
                    TimeUnit.MILLISECONDS.sleep(200);
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (Exception e) {
                // next connection, or closed
            }
        }
    }

    void record(Path file) throws Exception {
        EventLoopGroup group = NettyNetwork.newEventLoopGroup(1);
        NettyNetwork network = new NettyNetwork(group.next(), NetworkOptions.defaults());
        try {
            ModemConfig config = ModemConfig.builder().build();
            VirtualModem modem = new VirtualModem(config, network.eventLoop(), network);
            SessionRecorder recorder = SessionRecorder.start(modem, config, file);
            Host host = new Host();
            modem.hostConnected(host::add).get(5, TimeUnit.SECONDS);
            host.await("SMS Ready\r\n");
            command(modem, host, "AT\r", "OK\r\n");
            command(modem, host, "AT+CSQ\r", "OK\r\n");
            command(modem, host, "AT+CSTT=\"CMNET\"\r", "OK\r\n");
            command(modem, host, "AT+CIICR\r", "OK\r\n");
            command(modem, host, "AT+CIFSR\r", "\r\n10.78.245.128\r\n");
            command(modem, host, "AT+CIPSTART=\"TCP\",\"127.0.0.1\",\"" + echo.getLocalPort() + "\"\r", "CONNECT OK\r\n");
            command(modem, host, "AT+CIPSEND=5\r", "> ");
            command(modem, host, "hello", "SEND OK\r\nhello");
            modem.hostDtr(false);
            modem.hostDtr(true);
            command(modem, host, "AT+CIPCLOSE\r", "CLOSE OK\r\n");
            modem.runAndWait(e -> { }).get(5, TimeUnit.SECONDS);
            recorder.close();
            modemSent = host.bytes();
        } finally {
            network.close();
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static void command(VirtualModem modem, Host host, String line, String until) throws Exception {
        modem.input(line.getBytes(StandardCharsets.ISO_8859_1));
        host.await(until);
    }

    /** The in-process host: collects the modem's bytes. */
    static final class Host {
        private final ByteArrayOutputStream got = new ByteArrayOutputStream();
        private int seen;

        synchronized void add(byte[] b) {
            got.writeBytes(b);
            notifyAll();
        }

        synchronized byte[] bytes() {
            return got.toByteArray();
        }

        /** Waits until {@code text} comes after what earlier waits consumed. */
        synchronized void await(String text) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                String s = got.toString(StandardCharsets.ISO_8859_1);
                int at = s.indexOf(text, seen);
                if (at >= 0) {
                    seen = at + text.length();
                    return;
                }
                long left = end - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no '" + text + "' in " + s.substring(seen));
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    @Override
    public void close() throws Exception {
        echo.close();
        echoThread.join(2000);
    }
}
