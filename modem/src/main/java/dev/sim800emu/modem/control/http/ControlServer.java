package dev.sim800emu.modem.control.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.sim800emu.modem.metrics.FleetMetrics;
import dev.sim800emu.modem.runtime.ModemRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.net.InetSocketAddress;

/**
 * The HTTP/JSON control API ({@code --control HOST:PORT}; docs/control-api.md): Netty's HTTP codec,
 * whole requests of at most {@value #MAX_BODY} bytes, JSON by Jackson; on the same port, the live
 * view for a browser ({@link WebRoute}, docs/live-view.md). It runs on the loops it is
 * given (the modems' own, in the launcher) and never blocks them: each request is answered when
 * the modem's future completes.
 */
public final class ControlServer implements AutoCloseable {
    /** Bodies are a few fields; anything bigger is a mistake (413). */
    static final int MAX_BODY = 64 * 1024;
    /** An idle keep-alive connection is closed after this long. */
    private static final int IDLE_SECONDS = 60;

    private final Channel channel;

    private ControlServer(Channel channel) {
        this.channel = channel;
    }

    /**
     * Listens on {@code bind} (resolved); {@code token} null for none. Throws
     * IllegalArgumentException when {@link ControlAccess} forbids the address, and the bind
     * failure (address in use …) as it comes.
     */
    public static ControlServer start(ModemRegistry modems, EventLoopGroup group,
                                      Class<? extends ServerChannel> channelType, InetSocketAddress bind,
                                      String token) throws InterruptedException {
        return start(modems, group, channelType, bind, token, null);
    }

    /** The same, serving {@code GET /metrics} from {@code metrics} (null: no metrics, 404). */
    public static ControlServer start(ModemRegistry modems, EventLoopGroup group,
                                      Class<? extends ServerChannel> channelType, InetSocketAddress bind,
                                      String token, FleetMetrics metrics) throws InterruptedException {
        ControlAccess access = ControlAccess.forBind(bind, token);
        ObjectMapper json = mapper();
        ControlHandler handler = new ControlHandler(modems, access, json, new FleetRoute(modems, metrics));
        WebRoute web = new WebRoute(modems, access, json);
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(channelType)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new ReadTimeoutHandler(IDLE_SECONDS),
                                new HttpServerCodec(),
                                new HttpObjectAggregator(MAX_BODY),
                                web,
                                handler);
                    }
                });
        return new ControlServer(b.bind(bind).sync().channel());
    }

    /** Strict JSON: trailing garbage and repeated fields are errors, not silently dropped. */
    static ObjectMapper mapper() {
        return JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }
}
