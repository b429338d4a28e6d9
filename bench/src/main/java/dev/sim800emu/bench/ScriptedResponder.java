package dev.sim800emu.bench;

import dev.sim800emu.modem.netty.NettyNetwork;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.unix.UnixChannel;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The fair floor for the CIPSEND loop: a trivial scripted responder that answers the same serial
 * dialog on the same kind of channel as the emulator, and does the same network work, with nothing
 * of a modem in between. It knows three lines: {@code AT+CIPSEND=<n>} (prompt {@code "\r\n> "}, then
 * {@code n} bytes of payload), {@code AT+CIPQSEND=<0|1>} and anything else ({@code OK}).
 *
 * <p>Built like {@link EmulatorRig}: one epoll event loop thread serves both the host's serial socket
 * and a TCP link to {@code target}, TCP_NODELAY on both. Payload bytes are passed to the link as
 * slices of the buffers read (no copies). When the payload is complete and its write has completed,
 * it answers {@code DATA ACCEPT:<n>} in quick mode; otherwise it waits until {@code ioctl(SIOCOUTQ)}
 * reports everything acknowledged, polling as the emulator's {@code TcpLink} does (when the write
 * completes, then every 20 µs eight times, then backing off), and answers {@code SEND OK}. So the
 * protocol's two round trips per chunk and its wait for the acknowledgement are in this baseline
 * too; what it leaves out is the engine.
 */
final class ScriptedResponder implements AutoCloseable {
    private static final byte[] PROMPT = ascii("\r\n> ");
    private static final byte[] OK = ascii("\r\nOK\r\n");
    private static final byte[] SEND_OK = ascii("\r\nSEND OK\r\n");
    private static final long FIRST_POLL_MICROS = 20;
    private static final long MAX_POLL_MICROS = 20_000;
    private static final int QUICK_POLLS = 8;

    private final EventLoopGroup group = NettyNetwork.newEventLoopGroup(1);
    private final InetSocketAddress target;
    private final Channel server;

    ScriptedResponder(InetSocketAddress target) throws InterruptedException {
        this.target = target;
        if (NettyNetwork.serverChannelType(group) != EpollServerSocketChannel.class) {
            throw new IllegalStateException("the scripted responder needs the epoll transport");
        }
        server = new ServerBootstrap()
                .group(group)
                .channel(EpollServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.AUTO_READ, false) // until the link is connected
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new Dialog());
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** One host's dialog and its link. */
    private final class Dialog extends ChannelInboundHandlerAdapter {
        private Channel host;
        private Channel link;
        private KernelSendQueue queue;
        private final StringBuilder line = new StringBuilder();
        private boolean quick;
        /** Payload bytes still expected; 0 in command mode. */
        private int remaining;
        private int payloadLength;
        private long written;
        private long pollDelayMicros = FIRST_POLL_MICROS;
        private int quickPolls;
        private boolean waitingForAck;
        private byte[] dataAccept;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            host = ctx.channel();
            new Bootstrap().group(host.eventLoop()).channel(EpollSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(new ChannelInboundHandlerAdapter())
                    .connect(target).addListener((ChannelFutureListener) f -> {
                        if (!f.isSuccess()) {
                            host.close();
                            return;
                        }
                        link = f.channel();
                        queue = new KernelSendQueue(((UnixChannel) link).fd().intValue());
                        host.config().setAutoRead(true);
                    });
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            try {
                while (in.isReadable()) {
                    if (remaining > 0) {
                        int n = Math.min(remaining, in.readableBytes());
                        link.write(in.readRetainedSlice(n), link.voidPromise());
                        remaining -= n;
                        if (remaining == 0) {
                            payloadDone();
                        }
                        continue;
                    }
                    char c = (char) (in.readByte() & 0xFF);
                    if (c == '\n') {
                        continue;
                    }
                    if (c != '\r') {
                        line.append(c);
                        continue;
                    }
                    command(line.toString());
                    line.setLength(0);
                }
            } finally {
                in.release();
            }
        }

        private void command(String cmd) {
            if (cmd.startsWith("AT+CIPSEND=")) {
                payloadLength = Integer.parseInt(cmd.substring("AT+CIPSEND=".length()));
                remaining = payloadLength;
                host.writeAndFlush(Unpooled.wrappedBuffer(PROMPT), host.voidPromise());
                return;
            }
            if (cmd.startsWith("AT+CIPQSEND=")) {
                quick = cmd.endsWith("1");
            }
            host.writeAndFlush(Unpooled.wrappedBuffer(OK), host.voidPromise());
        }

        private void payloadDone() {
            int length = payloadLength;
            link.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> {
                written += length;
                if (quick) {
                    if (dataAccept == null) {
                        dataAccept = ascii("\r\nDATA ACCEPT:" + length + "\r\n");
                    }
                    host.writeAndFlush(Unpooled.wrappedBuffer(dataAccept), host.voidPromise());
                    return;
                }
                waitingForAck = true;
                pollDelayMicros = FIRST_POLL_MICROS;
                quickPolls = 0;
                pollAcks();
            });
        }

        private void pollAcks() {
            if (!waitingForAck) {
                return;
            }
            if (queue.unacknowledged() == 0) {
                waitingForAck = false;
                host.writeAndFlush(Unpooled.wrappedBuffer(SEND_OK), host.voidPromise());
                return;
            }
            host.eventLoop().schedule(this::pollAcks, pollDelayMicros, TimeUnit.MICROSECONDS);
            if (++quickPolls > QUICK_POLLS) {
                pollDelayMicros = Math.min(pollDelayMicros * 2, MAX_POLL_MICROS);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (link != null) {
                link.close();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
