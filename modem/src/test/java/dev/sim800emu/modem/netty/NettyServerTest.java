package dev.sim800emu.modem.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.net.DestinationPolicy;
import dev.sim800emu.modem.net.LinkListener;
import dev.sim800emu.modem.net.NetLink;
import dev.sim800emu.modem.net.NetworkOptions;
import dev.sim800emu.modem.net.ServerHandle;
import dev.sim800emu.modem.net.ServerListener;
import io.netty.channel.EventLoopGroup;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Listening sockets of NettyNetwork (AT+CIPSERVER), over loopback. */
class NettyServerTest {
    private final EventLoopGroup group = NettyNetwork.newEventLoopGroup(1);
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

    @AfterEach
    void stop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private String next() throws InterruptedException {
        String e = events.poll(5, TimeUnit.SECONDS);
        assertThat(e).as("event").isNotNull();
        return e;
    }

    @Test
    void acceptsClientsOnTheMappedPortAndRelaysBothWays() throws Exception {
        int hostPort = freePort();
        NettyNetwork net = new NettyNetwork(group.next(), new NetworkOptions(null, DestinationPolicy.allowAll(),
                InetAddress.getLoopbackAddress(), hostPort - 8888));
        NetLink[] accepted = new NetLink[1];
        ServerHandle server = net.listen(8888, new ServerListener() {
            @Override
            public void onListening() {
                events.add("listening");
            }

            @Override
            public void onListenFailed(String reason) {
                events.add("failed");
            }

            @Override
            public LinkListener onAccepted(NetLink link, InetSocketAddress remote) {
                accepted[0] = link;
                events.add("accepted " + remote.getAddress().getHostAddress());
                return new LinkListener() {
                    @Override
                    public void onConnected() {
                        events.add("connected?");
                    }

                    @Override
                    public void onConnectFailed(String reason) {
                        events.add("connect failed?");
                    }

                    @Override
                    public void onData(byte[] data, InetSocketAddress from) {
                        events.add("data " + new String(data));
                    }

                    @Override
                    public void onAcked(long totalAcked) {
                        events.add("acked " + totalAcked);
                    }

                    @Override
                    public void onClosed(String reason) {
                        events.add("closed");
                    }
                };
            }
        });
        assertThat(next()).isEqualTo("listening");
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), hostPort)) {
            assertThat(next()).isEqualTo("accepted 127.0.0.1");
            client.getOutputStream().write("ping".getBytes());
            assertThat(next()).isEqualTo("data ping");
            net.eventLoop().execute(() -> accepted[0].send("pong".getBytes()));
            InputStream in = client.getInputStream();
            byte[] b = in.readNBytes(4);
            assertThat(new String(b)).isEqualTo("pong");
            assertThat(next()).isEqualTo("acked 4");
            // A second listen on the same host port fails.
            net.listen(8888, new ServerListener() {
                @Override
                public void onListening() {
                    events.add("listening twice?");
                }

                @Override
                public void onListenFailed(String reason) {
                    events.add("in use");
                }

                @Override
                public LinkListener onAccepted(NetLink link, InetSocketAddress remote) {
                    return null;
                }
            });
            assertThat(next()).isEqualTo("in use");
            net.eventLoop().submit(server::close).sync();
            // Closing the server leaves the accepted client connected.
            client.getOutputStream().write("more".getBytes());
            assertThat(next()).isEqualTo("data more");
        }
        assertThat(next()).isEqualTo("closed");
        assertThat(net.openChannels()).isZero();
        net.close();
    }

    @Test
    void refusedClientsAreClosedAtOnce() throws Exception {
        int hostPort = freePort();
        NettyNetwork net = new NettyNetwork(group.next(), new NetworkOptions(null, DestinationPolicy.allowAll(),
                InetAddress.getLoopbackAddress(), hostPort - 1000));
        net.listen(1000, new ServerListener() {
            @Override
            public void onListening() {
                events.add("listening");
            }

            @Override
            public void onListenFailed(String reason) {
                events.add("failed");
            }

            @Override
            public LinkListener onAccepted(NetLink link, InetSocketAddress remote) {
                events.add("asked");
                return null;
            }
        });
        assertThat(next()).isEqualTo("listening");
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), hostPort)) {
            assertThat(next()).isEqualTo("asked");
            client.setSoTimeout(5000);
            try {
                assertThat(client.getInputStream().read()).isEqualTo(-1);
            } catch (java.net.SocketException e) {
                assertThat(e.getMessage()).contains("reset"); // refused with RST: also "closed at once"
            }
        }
        net.close();
    }
}
