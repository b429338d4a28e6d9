package dev.sim800emu.modem.serial;

import dev.sim800emu.modem.LineState;
import dev.sim800emu.modem.ModemEngine;
import dev.sim800emu.modem.ModemLines;
import dev.sim800emu.modem.runtime.VirtualModem;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import java.net.InetSocketAddress;
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
 * closing it powers the modem off unless {@code keepPowered}, and a second host is closed (after
 * the short grace of {@link HostSlot} in which the first one may turn out to be leaving).
 * A new host starts with DTR and RTS asserted, as a serial port does when a program opens it.
 *
 * <p>Flow control, both ways. Modem output stops (the engine holds it, and back-pressures its
 * links) while the client has sent FLOWCONTROL-SUSPEND, while the socket is full, and, with baud
 * pacing, while the paced queue is long. When the modem cannot take more input, the client is sent
 * FLOWCONTROL-SUSPEND; what it sends meanwhile waits, still in stream order, in a bounded backlog
 * and beyond that in TCP ({@link HostInput}), so nothing is lost and a client that leaves is seen
 * to leave.
 *
 * <p>Accepted channels are registered on the modem's event loop, so the engine and the
 * {@link Rfc2217Session} are called directly from the channel handler.
 */
public final class Rfc2217Endpoint implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Rfc2217Endpoint.class);

    private final VirtualModem modem;
    private final boolean keepPowered;
    private final boolean baudPacing;
    private final SerialTrace trace;
    private final Channel serverChannel;
    private final HostSlot slot = new HostSlot("rfc2217", ch -> handler(ch).admitted(ch), ch -> handler(ch).gone());

    private Rfc2217Endpoint(VirtualModem modem, EventLoopGroup acceptor, Class<? extends ServerChannel> channelType,
                            InetSocketAddress bind, boolean keepPowered, boolean baudPacing, SerialTrace trace)
            throws InterruptedException {
        this.modem = modem;
        this.keepPowered = keepPowered;
        this.baudPacing = baudPacing;
        this.trace = trace;
        this.serverChannel = SerialServer.listen(modem, acceptor, channelType, bind, HostHandler::new);
    }

    /**
     * Listens on {@code bind}; fails with the bind exception (address in use, permission) at once.
     *
     * @param channelType the server channel class matching {@code acceptor}'s transport
     */
    public static Rfc2217Endpoint start(VirtualModem modem, EventLoopGroup acceptor,
                                        Class<? extends ServerChannel> channelType, InetSocketAddress bind,
                                        boolean keepPowered, SerialTrace trace) throws InterruptedException {
        return new Rfc2217Endpoint(modem, acceptor, channelType, bind, keepPowered, false, trace);
    }

    /**
     * Same, with output paced like a UART when {@code baudPacing}: at the rate the client set with
     * SET-BAUDRATE (else AT+IPR), see {@link ModemEngine#serialRate()}.
     */
    public static Rfc2217Endpoint start(VirtualModem modem, EventLoopGroup acceptor,
                                        Class<? extends ServerChannel> channelType, InetSocketAddress bind,
                                        boolean keepPowered, boolean baudPacing, SerialTrace trace)
            throws InterruptedException {
        return new Rfc2217Endpoint(modem, acceptor, channelType, bind, keepPowered, baudPacing, trace);
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    @Override
    public void close() {
        SerialServer.close(serverChannel, modem, slot);
    }

    private static HostHandler handler(Channel ch) {
        return ch.pipeline().get(HostHandler.class);
    }

    /** One connected host. Runs on the modem's event loop. */
    private final class HostHandler extends ChannelInboundHandlerAdapter {
        private HostPort port;
        private Rfc2217Session session;

        /** The connected host's place on the modem's line. */
        private dev.sim800emu.modem.runtime.VirtualModem.Host line;
        /** What the client sends, raw (Telnet included, in stream order), on its way to the session. */
        private HostInput input;


        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            slot.arrived(ctx.channel());
        }

        /** This connection becomes the host. */
        void admitted(Channel ch) {
            log.info("RFC 2217 host connected from {}", ch.remoteAddress());
            ModemEngine engine = modem.engine();
            port = new HostPort(ch, engine);
            session = new Rfc2217Session(port, bytes -> ch.writeAndFlush(Unpooled.wrappedBuffer(bytes), ch.voidPromise()));
            HostInput in = new HostInput(ch, engine::inputReady, session::feed);
            input = in;
            session.start();
            modem.hostDtr(true);
            modem.hostRts(true);
            line = modem.connectHost("rfc2217", port::toHost, new ModemLines() {
                @Override
                public void onLines(LineState state) {
                    session.lines(state);
                }

                @Override
                public void onInputReady(boolean ready) {
                    session.inputReady(ready);
                    in.readyChanged();
                }
            });
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            try {
                if (ctx.channel() != slot.host()) {
                    return;
                }
                byte[] bytes = new byte[buf.readableBytes()];
                buf.readBytes(bytes);
                input.received(bytes);
            } finally {
                buf.release();
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel() == slot.host()) {
                port.socketWritable(ctx.channel().isWritable());
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            slot.left(ctx.channel());
        }

        /** This host has left. */
        void gone() {
            log.info("RFC 2217 host disconnected");
            input.close();
            port.detach();
            modem.engine().hostWritable(true);
            if (line != null) {
                line.disconnect(!keepPowered);
                line = null;
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("RFC 2217 connection error: {}", cause.toString());
            ctx.close();
        }
    }

    /**
     * The serial port as the session sees it: the engine's host lines and rate, and the way modem
     * output reaches the client. Three things can stop that output (a suspension by the client, a
     * full socket, a long paced queue); the engine holds its output while any of them does.
     */
    private final class HostPort implements Rfc2217Session.Port {
        private final Channel ch;
        private final ModemEngine engine;
        /** Null without baud pacing. */
        private final PacedOutput paced;
        private boolean suspended;
        private boolean socketFull;
        private boolean pacedFull;
        /** False once the host has gone: late callbacks (paced queue draining) must not reach the engine. */
        private boolean attached = true;

        HostPort(Channel ch, ModemEngine engine) {
            this.ch = ch;
            this.engine = engine;
            this.paced = baudPacing
                    ? new PacedOutput(ch.eventLoop(), engine::serialRate, this::send, writable -> {
                        pacedFull = !writable;
                        updateWritable();
                    })
                    : null;
        }

        /** Modem output, traced as the modem wrote it, escaped on its way to the socket. */
        void toHost(byte[] bytes) {
            trace.toHost(bytes);
            if (paced != null) {
                paced.write(bytes);
            } else {
                send(bytes);
            }
        }

        private void send(byte[] bytes) {
            ch.writeAndFlush(Unpooled.wrappedBuffer(TelnetCodec.escape(bytes)), ch.voidPromise());
        }

        void socketWritable(boolean writable) {
            socketFull = !writable;
            updateWritable();
        }

        void detach() {
            attached = false;
            if (paced != null) {
                paced.clear();
            }
        }

        private void updateWritable() {
            if (attached) {
                engine.hostWritable(!suspended && !socketFull && !pacedFull);
            }
        }

        @Override
        public void fromHost(byte[] bytes, int off, int len) {
            trace.fromHost(bytes, off, len);
            modem.hostInput(bytes, off, len);
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
            modem.hostDtr(asserted);
        }

        @Override
        public boolean dtr() {
            return engine.dtr();
        }

        @Override
        public void rts(boolean asserted) {
            modem.hostRts(asserted);
        }

        @Override
        public boolean rts() {
            return engine.rts();
        }

        @Override
        public void suspendOutput(boolean suspend) {
            suspended = suspend;
            updateWritable();
        }

        /**
         * The only output buffer of the "access server" is the paced queue (the UART's transmit
         * FIFO, as it were); without pacing, output is handed to the socket as it comes and there
         * is nothing to drop. What the modem itself holds is the modem's and stays.
         */
        @Override
        public void purgeOutput() {
            if (paced != null) {
                paced.clear();
            }
        }
    }
}
