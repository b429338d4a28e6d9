package dev.sim800emu.modem.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.net.LinkListener;
import io.netty.channel.EventLoop;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Records a link's events, and whether they kept the port's contract. */
final class Events implements LinkListener {
    final CompletableFuture<Void> connected = new CompletableFuture<>();
    final CompletableFuture<String> failed = new CompletableFuture<>();
    final CompletableFuture<String> closed = new CompletableFuture<>();
    private final List<String> log = new ArrayList<>();
    private final List<Long> acks = new ArrayList<>();
    private final List<InetSocketAddress> senders = new ArrayList<>();
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();
    private final List<String> violations = new ArrayList<>();
    private final EventLoop loop;
    private long acked;
    /** When each delivery and acknowledgement happened: {nanoTime, bytes so far}. */
    private final List<long[]> dataTimes = new ArrayList<>();
    private final List<long[]> ackTimes = new ArrayList<>();

    Events(EventLoop loop) {
        this.loop = loop;
    }

    private synchronized void event(String entry) {
        if (!loop.inEventLoop()) {
            violations.add(entry + " off the loop");
        }
        if (failed.isDone() || closed.isDone()) {
            violations.add(entry + " after the end");
        }
        log.add(entry);
        notifyAll();
    }

    @Override
    public void onConnected() {
        event("connected");
        connected.complete(null);
    }

    @Override
    public void onConnectFailed(String reason) {
        event("failed");
        failed.complete(reason);
    }

    @Override
    public synchronized void onData(byte[] bytes, InetSocketAddress from) {
        data.writeBytes(bytes);
        dataTimes.add(new long[] {System.nanoTime(), data.size()});
        if (from != null && !senders.contains(from)) {
            senders.add(from);
        }
        event("data:" + bytes.length);
    }

    @Override
    public synchronized void onAcked(long totalAcked) {
        acked = totalAcked;
        acks.add(totalAcked);
        ackTimes.add(new long[] {System.nanoTime(), totalAcked});
        event("acked:" + totalAcked);
    }

    @Override
    public void onClosed(String reason) {
        event("closed");
        closed.complete(reason);
    }

    synchronized List<String> log() {
        return List.copyOf(log);
    }

    synchronized long acked() {
        return acked;
    }

    synchronized List<long[]> dataTimes() {
        return List.copyOf(dataTimes);
    }

    synchronized List<long[]> ackTimes() {
        return List.copyOf(ackTimes);
    }

    synchronized List<Long> ackHistory() {
        return List.copyOf(acks);
    }

    synchronized List<InetSocketAddress> senders() {
        return List.copyOf(senders);
    }

    synchronized byte[] data() {
        return data.toByteArray();
    }

    synchronized byte[] awaitData(int count) throws InterruptedException {
        waitFor(() -> data.size() >= count, () -> "received " + data.size() + " of " + count);
        return data.toByteArray();
    }

    synchronized void awaitAcked(long count) throws InterruptedException {
        waitFor(() -> acked >= count, () -> "acknowledged " + acked + " of " + count);
    }

    private void waitFor(BooleanSupplier condition, java.util.function.Supplier<String> message)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(message.get());
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** Every event so far arrived on the modem's loop, and none followed a terminal one. */
    synchronized void assertWellBehaved() {
        assertThat(violations).isEmpty();
    }
}
