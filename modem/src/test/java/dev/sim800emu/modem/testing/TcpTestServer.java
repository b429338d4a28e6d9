package dev.sim800emu.modem.testing;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A TCP server on 127.0.0.1 (ephemeral port) for tests. In echo mode it sends back whatever it
 * receives; in scripted mode it only records, and the test acts on each accepted connection
 * through its {@link Client}. It runs on its own NIO thread, independent of the code under test.
 */
public final class TcpTestServer implements AutoCloseable {
    private final boolean echo;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;
    private final List<Client> clients = new ArrayList<>();

    private TcpTestServer(boolean echo) {
        this.echo = echo;
        this.server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new io.netty.channel.ChannelInitializer<io.netty.channel.Channel>() {
                    @Override
                    protected void initChannel(io.netty.channel.Channel ch) {
                        ch.pipeline().addLast(new ClientHandler());
                    }
                })
                .bind("127.0.0.1", 0)
                .syncUninterruptibly()
                .channel();
    }

    /** A server that echoes every byte back (and records it). */
    public static TcpTestServer echo() {
        return new TcpTestServer(true);
    }

    /** A server that records what it receives and does nothing else unless told to. */
    public static TcpTestServer scripted() {
        return new TcpTestServer(false);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    public int port() {
        return address().getPort();
    }

    /** Connections accepted so far. */
    public synchronized int acceptedCount() {
        return clients.size();
    }

    /** The {@code index}-th accepted connection (from 0), waiting up to {@code timeout} for it. */
    public synchronized Client client(int index, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (clients.size() <= index) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no connection #" + index + " within " + timeout);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return clients.get(index);
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** One accepted connection. */
    public static final class Client {
        private final Channel channel;
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private final CompletableFuture<Void> closed = new CompletableFuture<>();
        private volatile boolean reset;

        private Client(Channel channel) {
            this.channel = channel;
        }

        /** The client's address as this server sees it. */
        public InetSocketAddress remoteAddress() {
            return (InetSocketAddress) channel.remoteAddress();
        }

        /** Everything received so far. */
        public synchronized byte[] received() {
            return received.toByteArray();
        }

        /** Waits until at least {@code count} bytes have arrived and returns all received so far. */
        public synchronized byte[] awaitReceived(int count, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (received.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("received " + received.size() + " of " + count + " bytes");
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return received.toByteArray();
        }

        private synchronized void record(ByteBuf buf) {
            received.writeBytes(ByteBufUtil.getBytes(buf));
            notifyAll();
        }

        public void send(byte[] data) {
            channel.writeAndFlush(Unpooled.wrappedBuffer(data)).syncUninterruptibly();
        }

        /** Graceful close: FIN after anything already sent. */
        public void close() {
            channel.close().syncUninterruptibly();
        }

        /** Abortive close: SO_LINGER 0, so the client gets an RST. */
        public void reset() {
            channel.config().setOption(ChannelOption.SO_LINGER, 0);
            channel.close().syncUninterruptibly();
        }

        /** Stops or resumes reading, to let the client's data back up. */
        public void setReading(boolean reading) {
            channel.config().setAutoRead(reading);
        }

        /** Completes when the connection has closed, for whatever reason. */
        public CompletableFuture<Void> closed() {
            return closed;
        }

        /** Whether the connection ended with an error such as a reset from the client. */
        public boolean wasReset() {
            return reset;
        }
    }

    private final class ClientHandler extends ChannelInboundHandlerAdapter {
        private Client client;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            client = new Client(ctx.channel());
            synchronized (TcpTestServer.this) {
                clients.add(client);
                TcpTestServer.this.notifyAll();
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            client.record(buf);
            if (echo) {
                ctx.writeAndFlush(buf);
            } else {
                buf.release();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof IOException) {
                client.reset = true;
            }
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            client.closed.complete(null);
        }
    }
}
