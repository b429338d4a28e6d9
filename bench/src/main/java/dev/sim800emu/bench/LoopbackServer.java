package dev.sim800emu.bench;

import dev.sim800emu.modem.netty.NettyNetwork;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A Netty server on 127.0.0.1 with its own event loop (epoll when available, like the emulator's),
 * TCP_NODELAY on accepted channels and one new handler per connection: the shape every baseline
 * server of the benchmarks shares.
 */
class LoopbackServer implements AutoCloseable {
    protected final EventLoopGroup group = NettyNetwork.newEventLoopGroup(1);
    private final Channel server;

    LoopbackServer(Supplier<ChannelHandler> perConnection) throws InterruptedException {
        server = new ServerBootstrap()
                .group(group)
                .channel(NettyNetwork.serverChannelType(group))
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(perConnection.get());
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
}
