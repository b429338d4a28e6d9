package dev.sim800emu.modem.serial;

import dev.sim800emu.modem.runtime.VirtualModem;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import java.net.InetSocketAddress;
import java.util.function.Supplier;

/**
 * What the socket endpoints (raw TCP, RFC 2217) share: a listening socket whose accepted channels
 * are registered on the modem's own event loop, so their handlers call the engine directly.
 */
final class SerialServer {

    private SerialServer() {
    }

    /** Binds {@code bind}, failing at once with the bind exception; one new handler per host. */
    static Channel listen(VirtualModem modem, EventLoopGroup acceptor, Class<? extends ServerChannel> channelType,
                          InetSocketAddress bind, Supplier<ChannelHandler> perHost) throws InterruptedException {
        return new ServerBootstrap()
                .group(acceptor, modem.eventLoop())
                .channel(channelType)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(perHost.get());
                    }
                })
                .bind(bind).sync().channel();
    }

    /** Stops listening, then closes the connected host and waiting ones (if any) on the modem's loop. */
    static void close(Channel server, VirtualModem modem, HostSlot slot) {
        server.close().syncUninterruptibly();
        modem.runAndWait(e -> slot.closeAll()).join();
    }
}
