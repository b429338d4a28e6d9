package dev.sim800emu.modem.serial;

import dev.sim800emu.modem.ModemEngine;
import dev.sim800emu.modem.VirtualModem;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The modem's serial line as an RFC 2217 server (Telnet COM-PORT-OPTION), as spoken by pyserial's
 * {@code rfc2217://host:port} URLs, ser2net and most "network COM port" drivers. Unlike the raw
 * {@link TcpSerialEndpoint}, the control lines cross the wire: the host's DTR and RTS reach the
 * engine, the modem's DCD, RI, DSR and CTS are sent as NOTIFY-MODEMSTATE whenever they change, and
 * SET-BAUDRATE sets the host's rate. Data passes unchanged but for Telnet's 0xFF doubling.
 *
 * <p>Connection semantics are those of {@link TcpSerialEndpoint}: a connection powers the modem on,
 * closing it powers the modem off unless {@code keepPowered}, and a second host is closed at once.
 * A new host starts with DTR and RTS asserted, as a serial port does when a program opens it.
 *
 * <p>Accepted channels are registered on the modem's event loop, so the engine and the
 * {@link Rfc2217Session} are called directly from the channel handler.
 */
public final class Rfc2217Endpoint implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Rfc2217Endpoint.class);
    /**
     * Modem output held while the client has suspended the flow, beyond which it is dropped, as a
     * UART's buffer overruns: the engine cannot be told to stop producing.
     */
    static final int HELD_LIMIT = 1 << 20;

    private final VirtualModem modem;
    private final boolean keepPowered;
    private final SerialTrace trace;
    private final Channel serverChannel;
    private Channel host;

    private Rfc2217Endpoint(VirtualModem modem, EventLoopGroup acceptor, Class<? extends ServerChannel> channelType,
                            InetSocketAddress bind, boolean keepPowered, SerialTrace trace) throws InterruptedException {
        this.modem = modem;
        this.keepPowered = keepPowered;
        this.trace = trace;
        ServerBootstrap b = new ServerBootstrap()
                .group(acceptor, modem.eventLoop())
                .channel(channelType)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HostHandler());
                    }
                });
        this.serverChannel = b.bind(bind).sync().channel();
    }

    /**
     * Listens on {@code bind}; fails with the bind exception (address in use, permission) at once.
     *
     * @param channelType the server channel class matching {@code acceptor}'s transport
     */
    public static Rfc2217Endpoint start(VirtualModem modem, EventLoopGroup acceptor,
                                        Class<? extends ServerChannel> channelType, InetSocketAddress bind,
                                        boolean keepPowered, SerialTrace trace) throws InterruptedException {
        return new Rfc2217Endpoint(modem, acceptor, channelType, bind, keepPowered, trace);
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        modem.runAndWait(e -> {
            if (host != null) {
                host.close();
            }
        }).join();
    }

    /** One connected host. Runs on the modem's event loop. */
    private final class HostHandler extends ChannelInboundHandlerAdapter {
        private HostPort port;
        private Rfc2217Session session;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            Channel ch = ctx.channel();
            if (host != null) {
                log.warn("serial line busy: refusing a second host from {}", ch.remoteAddress());
                ch.close();
                return;
            }
            host = ch;
            log.info("RFC 2217 host connected from {}", ch.remoteAddress());
            ModemEngine engine = modem.engine();
            port = new HostPort(ch, engine);
            session = new Rfc2217Session(port, bytes -> ch.writeAndFlush(Unpooled.wrappedBuffer(bytes), ch.voidPromise()));
            session.start();
            engine.attach(port::toHost);
            engine.attachLines(session::lines);
            engine.hostDtr(true);
            engine.hostRts(true);
            engine.powerOn();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            try {
                if (ctx.channel() != host) {
                    return;
                }
                byte[] bytes = new byte[buf.readableBytes()];
                buf.readBytes(bytes);
                session.feed(bytes, 0, bytes.length);
            } finally {
                buf.release();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (ctx.channel() != host) {
                return;
            }
            host = null;
            log.info("RFC 2217 host disconnected");
            port.discardHeld();
            ModemEngine engine = modem.engine();
            engine.attach(bytes -> { });
            engine.attachLines(state -> { });
            if (!keepPowered) {
                engine.powerOff();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("RFC 2217 connection error: {}", cause.toString());
            ctx.close();
        }
    }

    /**
     * The serial port as the session sees it: the engine's host lines and rate, and the modem's
     * output to the client, held while the client has suspended the flow.
     */
    private final class HostPort implements Rfc2217Session.Port {
        private final Channel ch;
        private final ModemEngine engine;
        private final ArrayDeque<byte[]> held = new ArrayDeque<>();
        private int heldBytes;
        private boolean suspended;

        HostPort(Channel ch, ModemEngine engine) {
            this.ch = ch;
            this.engine = engine;
        }

        /** Modem output. Held rather than written while suspended, so control traffic still flows. */
        void toHost(byte[] bytes) {
            trace.toHost(bytes);
            if (!suspended) {
                ch.writeAndFlush(Unpooled.wrappedBuffer(TelnetCodec.escape(bytes)), ch.voidPromise());
            } else if (heldBytes + bytes.length <= HELD_LIMIT) {
                held.add(bytes);
                heldBytes += bytes.length;
            } else {
                log.warn("client suspended the flow for too long: dropping {} bytes of modem output", bytes.length);
            }
        }

        void discardHeld() {
            held.clear();
            heldBytes = 0;
        }

        @Override
        public void fromHost(byte[] bytes, int off, int len) {
            trace.fromHost(bytes, off, len);
            engine.onSerialInput(bytes, off, len);
        }

        @Override
        public void baud(int bitsPerSecond) {
            engine.hostBaud(bitsPerSecond);
        }

        @Override
        public int baud() {
            return engine.hostBaud();
        }

        @Override
        public void dtr(boolean asserted) {
            engine.hostDtr(asserted);
        }

        @Override
        public boolean dtr() {
            return engine.dtr();
        }

        @Override
        public void rts(boolean asserted) {
            engine.hostRts(asserted);
        }

        @Override
        public boolean rts() {
            return engine.rts();
        }

        @Override
        public void suspendOutput(boolean suspend) {
            suspended = suspend;
            if (!suspend && !held.isEmpty()) {
                for (byte[] b : held) {
                    ch.write(Unpooled.wrappedBuffer(TelnetCodec.escape(b)), ch.voidPromise());
                }
                ch.flush();
                discardHeld();
            }
        }

        @Override
        public void purgeOutput() {
            discardHeld();
        }
    }
}
