package dev.sim800emu.modem.control.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sim800emu.modem.runtime.ControlledModem;
import dev.sim800emu.modem.runtime.ModemRegistry;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live view's WebSocket ({@code /live}): the page says what it shows, this socket streams it.
 * One subscription at a time; a new one ends the old.
 *
 * <pre>
 * page → {"watch":"0"}                                    one modem: trace, radio, IP state, links
 * page → {"fleet":{"ipState":"CONNECT OK","id":"1"}}      the fleet table with this filter
 * here → {"t":"hello","count":1,"first":"0"}              on connecting: how many modems, the first id
 * </pre>
 *
 * A message that is not understood is answered with {@code {"t":"error"}} and changes nothing.
 */
final class LiveSocket extends SimpleChannelInboundHandler<WebSocketFrame> {
    private static final Logger LOG = LoggerFactory.getLogger(LiveSocket.class);

    /** What the page is shown; started and stopped on the socket's loop. */
    interface Subscription {
        void start();

        void stop();
    }

    /** The socket as a subscription sees it: events out, and the socket's loop for timing. */
    interface Sink {
        /** Sends one event; call on the socket's loop. */
        void send(JsonNode event);

        /** Runs {@code task} on the socket's loop (dropped once the socket is gone). */
        void execute(Runnable task);

        /** Runs {@code task} now and then every {@code period} on the socket's loop. */
        ScheduledFuture<?> every(long period, TimeUnit unit, Runnable task);

        /** False while the browser is not reading what was sent. */
        boolean writable();
    }

    private final ModemRegistry modems;
    private final ObjectMapper json;
    private Sink sink;
    private Subscription current;

    LiveSocket(ModemRegistry modems, ObjectMapper json) {
        this.modems = modems;
        this.json = json;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        sink = sinkOf(ctx.channel(), json);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            List<String> ids = modems.ids();
            sink.send(JsonNodeFactory.instance.objectNode().put("t", "hello").put("count", ids.size())
                    .put("first", ids.isEmpty() ? "" : ids.get(0)));
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (!(frame instanceof TextWebSocketFrame text)) {
            sink.send(ModemWatch.error("the live socket takes JSON text messages"));
            return;
        }
        JsonNode message;
        try {
            message = json.readTree(text.text());
        } catch (IOException e) {
            sink.send(ModemWatch.error("malformed JSON: " + ControlHandler.firstLine(e)));
            return;
        }
        if (message != null && message.path("watch").isTextual()) {
            String id = message.get("watch").asText();
            Optional<ControlledModem> modem = modems.find(id);
            if (modem.isEmpty()) {
                sink.send(ModemWatch.error("no modem '" + id + "'"));
                return;
            }
            subscribe(new ModemWatch(id, modem.get(), sink, new TraceBuffer(System::nanoTime, TraceBuffer.BYTES_PER_SECOND)));
        } else if (message != null && message.has("fleet")) {
            FleetWatch.Filter filter = FleetWatch.Filter.of(message.get("fleet"));
            if (current instanceof FleetWatch fleet) {
                fleet.filter(filter);
            } else {
                subscribe(new FleetWatch(modems, sink, filter));
            }
        } else {
            sink.send(ModemWatch.error("expected {\"watch\":\"ID\"} or {\"fleet\":{…}}"));
        }
    }

    private void subscribe(Subscription next) {
        if (current != null) {
            current.stop();
        }
        current = next;
        next.start();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (current != null) {
            current.stop();
            current = null;
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("live socket closed: {}", cause.toString());
        ctx.close();
    }

    private static Sink sinkOf(Channel ch, ObjectMapper json) {
        return new Sink() {
            @Override
            public void send(JsonNode event) {
                try {
                    ch.writeAndFlush(new TextWebSocketFrame(json.writeValueAsString(event)));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("a JSON tree always serializes", e);
                }
            }

            @Override
            public void execute(Runnable task) {
                try {
                    ch.eventLoop().execute(() -> {
                        if (ch.isActive()) {
                            task.run();
                        }
                    });
                } catch (RejectedExecutionException closing) {
                    // the server is shutting down; nobody is left to tell
                }
            }

            @Override
            public ScheduledFuture<?> every(long period, TimeUnit unit, Runnable task) {
                return ch.eventLoop().scheduleAtFixedRate(task, 0, period, unit);
            }

            @Override
            public boolean writable() {
                return ch.isWritable();
            }
        };
    }
}
