package dev.sim800emu.modem.soak;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One host on one modem's TCP serial line, as a driver would be: it brings the modem up (echo off,
 * context, one TCP link to the echo server), then on every {@link #exchange()} sends a 16-byte
 * CIPSEND and waits for SEND OK and the echoed bytes, recording the round trip. Runs on the test's
 * own event loop; everything here is touched only there, except the volatile counters.
 *
 * <p>Any ERROR, FAIL, CLOSED or DEACT from the modem, a serial line that closes, or an exchange
 * that does not finish within {@link #STALL_NANOS} fails the host (the first reason is kept).
 */
final class SoakHost extends ChannelInboundHandlerAdapter {
    static final String LOCAL_IP = "10.78.245.128";
    /** An exchange unfinished this long is a failure, whatever the machine's load. */
    static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final String[] FAILURES = {"ERROR", "FAIL", "CLOSED", "DEACT"};

    /** Bring-up: the line the host types (null: nothing) and the reply it waits for before the next. */
    private static final String[][] BRING_UP = {
        {null, "SMS Ready\r\n"},
        {"ATE0", "OK\r\n"},
        {"AT+CSTT=\"CMNET\"", "OK\r\n"},
        {"AT+CIICR", "OK\r\n"},
        {"AT+CIFSR", LOCAL_IP + "\r\n"},
        {"AT+CIPSTART=\"TCP\",\"127.0.0.1\",%d", "CONNECT OK\r\n"},
    };

    private enum Phase { BRINGING_UP, IDLE, AWAIT_PROMPT, AWAIT_SEND_OK_AND_ECHO, FAILED }

    private final int index;
    private final int echoPort;
    private final Latencies latencies;
    final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final StringBuilder out = new StringBuilder();
    private Channel channel;
    private Phase phase = Phase.BRINGING_UP;
    private int step;
    private String payload;
    private long exchangeStarted;
    private boolean leaving;
    volatile long exchanges;
    /** Ticks that found the previous exchange still running (not a failure unless it stalls). */
    volatile long busyTicks;
    volatile String failure;

    SoakHost(int index, int echoPort, Latencies latencies) {
        this.index = index;
        this.echoPort = echoPort;
        this.latencies = latencies;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        try {
            out.append(buf.toString(StandardCharsets.ISO_8859_1));
        } finally {
            buf.release();
        }
        progress();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!leaving) {
            fail("the serial line closed");
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail("serial line error: " + cause);
        ctx.close();
    }

    /** A tick of the exchange schedule: start an exchange, or note that the last one is still running. */
    void exchange() {
        switch (phase) {
            case IDLE -> {
                payload = String.format("<%04de%09d>", index % 10_000, exchanges % 1_000_000_000);
                exchangeStarted = System.nanoTime();
                phase = Phase.AWAIT_PROMPT;
                type("AT+CIPSEND=" + payload.length() + "\r");
            }
            case AWAIT_PROMPT, AWAIT_SEND_OK_AND_ECHO -> {
                busyTicks++;
                checkStall();
            }
            default -> { }
        }
    }

    /** Fails the host if its exchange has been running longer than {@link #STALL_NANOS}. */
    void checkStall() {
        if ((phase == Phase.AWAIT_PROMPT || phase == Phase.AWAIT_SEND_OK_AND_ECHO)
                && System.nanoTime() - exchangeStarted > STALL_NANOS) {
            fail("exchange " + exchanges + " unfinished after 30 s in " + phase + "; output: " + visible(out));
        }
    }

    /** The test is ending: the line's closing is no failure. */
    void leave() {
        leaving = true;
        if (channel != null) {
            channel.close();
        }
    }

    private void progress() {
        for (String f : FAILURES) {
            if (phase != Phase.FAILED && out.indexOf(f) >= 0) {
                fail("the modem answered " + f + " in " + phase + ": " + visible(out));
            }
        }
        boolean moved = true;
        while (moved) {
            moved = switch (phase) {
                case BRINGING_UP -> {
                    if (!consume(BRING_UP[step][1])) {
                        yield false;
                    }
                    if (++step == BRING_UP.length) {
                        phase = Phase.IDLE;
                        ready.complete(null);
                    } else {
                        type(String.format(BRING_UP[step][0], echoPort) + "\r");
                    }
                    yield true;
                }
                case AWAIT_PROMPT -> {
                    if (!consume("> ")) {
                        yield false;
                    }
                    phase = Phase.AWAIT_SEND_OK_AND_ECHO;
                    type(payload);
                    yield true;
                }
                case AWAIT_SEND_OK_AND_ECHO -> {
                    // The echo may overtake SEND OK: wait for both, in either order.
                    if (out.indexOf("SEND OK\r\n") < 0 || out.indexOf(payload) < 0) {
                        yield false;
                    }
                    latencies.add(exchangeStarted, System.nanoTime());
                    out.setLength(0);
                    exchanges++;
                    phase = Phase.IDLE;
                    yield true;
                }
                default -> false;
            };
        }
    }

    /** Drops the output up to and including {@code reply}, if it has arrived. */
    private boolean consume(String reply) {
        int at = out.indexOf(reply);
        if (at < 0) {
            return false;
        }
        out.delete(0, at + reply.length());
        return true;
    }

    private void type(String text) {
        channel.writeAndFlush(Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.ISO_8859_1)), channel.voidPromise());
    }

    private void fail(String reason) {
        if (failure == null) {
            failure = "host " + index + ": " + reason;
        }
        phase = Phase.FAILED;
        ready.completeExceptionally(new AssertionError(failure));
    }

    private static String visible(CharSequence s) {
        String t = s.length() > 300 ? "…" + s.subSequence(s.length() - 300, s.length()) : s.toString();
        return t.replace("\r", "\\r").replace("\n", "\\n");
    }
}
