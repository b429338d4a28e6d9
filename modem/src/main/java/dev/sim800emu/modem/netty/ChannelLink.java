package dev.sim800emu.modem.netty;

import dev.sim800emu.modem.net.LinkListener;
import dev.sim800emu.modem.net.NetLink;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ConnectTimeoutException;
import java.util.function.BooleanSupplier;

/**
 * What TCP and UDP links share: the channel, the listener, and the rule that decides whether an
 * event still reaches the engine. The link is also the channel's only handler, so every method runs
 * on the channel's event loop, which is the modem's.
 */
abstract class ChannelLink extends ChannelInboundHandlerAdapter implements NetLink {
    protected final LinkListener listener;
    private final BooleanSupplier networkClosed;
    protected Channel channel;
    /** The engine called {@link #close}: it wants no more events. */
    protected boolean closedByEngine;
    /** onConnectFailed or onClosed was delivered: nothing may follow it. */
    private boolean finished;

    ChannelLink(LinkListener listener, BooleanSupplier networkClosed) {
        this.listener = listener;
        this.networkClosed = networkClosed;
    }

    /**
     * Takes the channel of a connect or bind that has just been started. The outcome listener is
     * added from a later task so that even a failure known at once (say, no file descriptors left)
     * reaches the engine after {@code open()} has returned, never inside it.
     */
    final void start(ChannelFuture opening) {
        channel = opening.channel();
        channel.eventLoop().execute(() -> opening.addListener(f -> {
            if (!f.isSuccess() && live()) {
                finish();
                listener.onConnectFailed(describe(f.cause()));
            }
        }));
    }

    /** Whether the engine still wants events from this link. */
    protected final boolean live() {
        return !closedByEngine && !finished && !networkClosed.getAsBoolean();
    }

    /** Marks the terminal event as delivered (the caller delivers it right after). */
    protected void finish() {
        finished = true;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (live()) {
            listener.onConnected();
        }
        ctx.fireChannelActive();
    }

    @Override
    public final void setReading(boolean reading) {
        channel.config().setAutoRead(reading);
    }

    /** A one-line reason for logs and for the listener. */
    static String describe(Throwable t) {
        if (t instanceof ConnectTimeoutException) {
            return "connect timed out";
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }
}
