package dev.sim800emu.modem.serial;

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
 * second connection is closed at once, without a byte.
 *
 * <p>Accepted channels are registered on the modem's own event loop, so the engine is called
 * directly from the channel handler, with no hand-off.
 */
public final class TcpSerialEndpoint implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TcpSerialEndpoint.class);

    private final VirtualModem modem;
    private final boolean keepPowered;
    private final SerialTrace trace;
    private final Channel serverChannel;
    private Channel host;

    private TcpSerialEndpoint(VirtualModem modem, EventLoopGroup acceptor, Class<? extends ServerChannel> channelType,
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
    public static TcpSerialEndpoint start(VirtualModem modem, EventLoopGroup acceptor,
                                          Class<? extends ServerChannel> channelType, InetSocketAddress bind,
                                          boolean keepPowered, SerialTrace trace) throws InterruptedException {
        return new TcpSerialEndpoint(modem, acceptor, channelType, bind, keepPowered, trace);
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
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            Channel ch = ctx.channel();
            if (host != null) {
                log.warn("serial line busy: refusing a second host from {}", ch.remoteAddress());
                ch.close();
                return;
            }
            host = ch;
            log.info("host connected from {}", ch.remoteAddress());
            modem.engine().attach(bytes -> {
                trace.toHost(bytes);
                ch.writeAndFlush(Unpooled.wrappedBuffer(bytes), ch.voidPromise());
            });
            modem.engine().powerOn();
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
                trace.fromHost(bytes, 0, bytes.length);
                modem.engine().onSerialInput(bytes, 0, bytes.length);
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
            log.info("host disconnected");
            modem.engine().attach(bytes -> { });
            if (!keepPowered) {
                modem.engine().powerOff();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("serial connection error: {}", cause.toString());
            ctx.close();
        }
    }
}
