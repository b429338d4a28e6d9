package dev.sim800emu.modem.netty;

import dev.sim800emu.modem.net.LinkListener;
import dev.sim800emu.modem.net.ServerHandle;
import dev.sim800emu.modem.net.ServerListener;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.group.ChannelGroup;
import java.net.InetSocketAddress;
import java.util.function.BooleanSupplier;

/**
 * A modem's listening socket (AT+CIPSERVER). Accepted channels stay on the modem's loop and become
 * ordinary {@link TcpLink}s once the engine has taken them; a refused client is closed at once.
 */
final class TcpServer implements ServerHandle {
    private final ServerListener listener;
    private final BooleanSupplier networkClosed;
    private final Channel channel;
    private boolean closedByEngine;

    TcpServer(EventLoop loop, Transport transport, InetSocketAddress bind, ServerListener listener,
              ChannelGroup channels, BooleanSupplier networkClosed, boolean kernelAcks, Shaping shaping) {
        this.listener = listener;
        this.networkClosed = networkClosed;
        ChannelFuture f = new ServerBootstrap()
                .group(loop, loop)
                .channel(transport.server)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (!live()) {
                            ch.close();
                            return;
                        }
                        channels.add(ch);
                        AcceptedListener target = new AcceptedListener();
                        TcpLink link = new TcpLink(target, networkClosed, kernelAcks, shaping);
                        link.channel = ch;
                        target.link = link;
                        ch.pipeline().addLast(link);
                    }
                })
                .bind(bind);
        this.channel = f.channel();
        channels.add(channel);
        // Reported from a later task, never inside the engine's own listen() call.
        loop.execute(() -> f.addListener(done -> {
            if (!live()) {
                return;
            }
            if (done.isSuccess()) {
                listener.onListening();
            } else {
                closedByEngine = true;
                listener.onListenFailed(ChannelLink.describe(done.cause()));
            }
        }));
    }

    private boolean live() {
        return !closedByEngine && !networkClosed.getAsBoolean();
    }

    @Override
    public void close() {
        closedByEngine = true;
        channel.close();
    }

    /**
     * Stands in for the engine's listener until the engine has taken the client: the link's
     * "connected" moment is when the engine is asked, and its answer becomes the real listener.
     */
    private final class AcceptedListener implements LinkListener {
        TcpLink link;
        private LinkListener target;

        @Override
        public void onConnected() {
            LinkListener t = live() ? listener.onAccepted(link, (InetSocketAddress) link.channel.remoteAddress()) : null;
            if (t == null) {
                link.close(true);
            } else {
                target = t;
            }
        }

        @Override
        public void onConnectFailed(String reason) {
            // An accepted channel is already connected; nothing to report.
        }

        @Override
        public void onData(byte[] data, InetSocketAddress from) {
            if (target != null) {
                target.onData(data, from);
            }
        }

        @Override
        public void onAcked(long totalAcked) {
            if (target != null) {
                target.onAcked(totalAcked);
            }
        }

        @Override
        public void onClosed(String reason) {
            if (target != null) {
                target.onClosed(reason);
            }
        }
    }
}
