package dev.sim800emu.modem.serial;

import dev.sim800emu.modem.netty.BufPayload;
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
 * The modem's serial line as a raw TCP socket (for {@code nc}, socat, pyserial's
 * {@code socket://}, test drivers). Bytes are passed through unchanged in both directions.
 *
 * <p>Connection semantics, chosen to mirror a cable: a new connection is a host plugging in,
 * which powers the modem on (it boots and prints RDY …); closing the connection powers it off and
 * drops its links, unless {@code keepPowered} is set, in which case the modem keeps running and
 * the next connection finds it as it was. The line has one end: while a host is connected, a
 * second connection is closed without a byte — after a short grace in which the first host may
 * turn out to be leaving ({@link HostSlot}).
 *
 * <p>Input: the host's socket is read all the time, into a bounded backlog while the modem takes
 * no input ({@link HostInput}), so that a host that leaves is always seen to leave.
 *
 * <p>Accepted channels are registered on the modem's own event loop, so the engine is called
 * directly from the channel handler, with no hand-off.
 */
public final class TcpSerialEndpoint implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TcpSerialEndpoint.class);

    private final VirtualModem modem;
    private final boolean keepPowered;
    private final boolean baudPacing;
    private final SerialTrace trace;
    private final Channel serverChannel;
    private final HostSlot slot = new HostSlot("tcp", this::hostArrived, this::hostGone);

    private TcpSerialEndpoint(VirtualModem modem, EventLoopGroup acceptor, Class<? extends ServerChannel> channelType,
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
    public static TcpSerialEndpoint start(VirtualModem modem, EventLoopGroup acceptor,
                                          Class<? extends ServerChannel> channelType, InetSocketAddress bind,
                                          boolean keepPowered, SerialTrace trace) throws InterruptedException {
        return new TcpSerialEndpoint(modem, acceptor, channelType, bind, keepPowered, false, trace);
    }

    /** Same, with output paced at the modem's UART rate when {@code baudPacing}. */
    public static TcpSerialEndpoint start(VirtualModem modem, EventLoopGroup acceptor,
                                          Class<? extends ServerChannel> channelType, InetSocketAddress bind,
                                          boolean keepPowered, boolean baudPacing, SerialTrace trace)
            throws InterruptedException {
        return new TcpSerialEndpoint(modem, acceptor, channelType, bind, keepPowered, baudPacing, trace);
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    @Override
    public void close() {
        SerialServer.close(serverChannel, modem, slot);
    }

    /** Output stops while the host's socket is full or the pacing queue is (either one). */
    private boolean socketFull;
    private boolean pacingFull;
    private PacedOutput paced;

    private void updateWritable() {
        modem.engine().hostWritable(!socketFull && !pacingFull);
    }

    /** The host left: detach it from the modem, and power the modem off unless kept powered. */
    private void hostGone(Channel ch) {
        log.info("host disconnected");
        if (input != null) {
            input.close();
            input = null;
        }
        if (paced != null) {
            paced.clear();
            paced = null;
        }
        socketFull = false;
        pacingFull = false;
        modem.engine().hostWritable(true);
        if (line != null) {
            line.disconnect(!keepPowered);
            line = null;
        }
    }

    /** The connected host's place on the modem's line. */
    private VirtualModem.Host line;
    /** The connected host's input on its way to the modem. */
    private HostInput input;

    /** A connection becomes the host: it joins the modem's line (which powers the modem on). */
    private void hostArrived(Channel ch) {
        log.info("host connected from {}", ch.remoteAddress());
        dev.sim800emu.modem.ModemEngine engine = modem.engine();
        HostInput in = new HostInput(ch, engine::inputReady, new HostInput.ToModem() {
            @Override
            public void accept(byte[] bytes, int off, int len) {
                trace.fromHost(bytes, off, len);
                modem.hostInput(bytes, off, len); // through the line's observers (scenarios)
            }

            /**
             * In data mode and untraced, the read buffer goes in as it is, and the packets it completes
             * leave without a copy; anywhere else (commands, payloads) through the reused array, which
             * costs no allocation per read.
             */
            @Override
            public void accept(ByteBuf buf, byte[] scratch) {
                if (trace.enabled() || !engine.inDataMode()) {
                    HostInput.ToModem.super.accept(buf, scratch);
                    return;
                }
                BufPayload bytes = BufPayload.borrow(buf);
                try {
                    modem.hostInput(bytes);
                } finally {
                    bytes.dispose();
                }
            }
        });
        input = in;
        java.util.function.Consumer<byte[]> toHost = bytes -> {
            if (slot.host() == ch) {
                trace.toHost(bytes);
                ch.writeAndFlush(Unpooled.wrappedBuffer(bytes), ch.voidPromise());
            }
        };
        socketFull = false;
        pacingFull = false;
        dev.sim800emu.modem.SerialOutput output;
        if (baudPacing) {
            paced = new PacedOutput(ch.eventLoop(), modem.engine()::serialRate, toHost, full -> {
                pacingFull = !full;
                updateWritable();
            });
            output = paced::write;
        } else {
            paced = null;
            output = new dev.sim800emu.modem.SerialOutput() {
                @Override
                public void write(byte[] bytes) {
                    toHost.accept(bytes);
                }

                /** A link's read buffer goes to the host's socket as it is: no copy, no array. */
                @Override
                public void write(dev.sim800emu.modem.net.Payload data) {
                    ByteBuf buf = slot.host() == ch && !trace.enabled() ? BufPayload.take(data) : null;
                    if (buf != null) {
                        ch.writeAndFlush(buf, ch.voidPromise());
                    } else {
                        toHost.accept(data.toArray());
                    }
                }
            };
        }
        // A raw socket has no CTS wire: while the modem's input is full, what the host sends
        // waits in the host's backlog, then (beyond its limit) in TCP; nothing it sent is lost.
        line = modem.connectHost("tcp", output, new dev.sim800emu.modem.ModemLines() {
            @Override
            public void onLines(dev.sim800emu.modem.LineState state) {
            }

            @Override
            public void onInputReady(boolean ready) {
                in.readyChanged();
            }
        });
    }

    /** Every connection. Runs on the modem's event loop. */
    private final class HostHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            slot.arrived(ctx.channel());
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel() == slot.host()) {
                socketFull = !ctx.channel().isWritable();
                updateWritable();
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            try {
                if (ctx.channel() != slot.host()) {
                    return;
                }
                input.received(buf);
            } finally {
                buf.release();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            slot.left(ctx.channel());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("serial connection error: {}", cause.toString());
            ctx.close();
        }
    }
}
