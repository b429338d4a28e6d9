package dev.sim800emu.modem.netty;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/** The channel classes that fit an event loop: native epoll where the loop runs it, else NIO. */
enum Transport {
    EPOLL(EpollSocketChannel.class, EpollDatagramChannel.class, EpollServerSocketChannel.class),
    NIO(NioSocketChannel.class, NioDatagramChannel.class, NioServerSocketChannel.class);

    final Class<? extends SocketChannel> socket;
    final Class<? extends DatagramChannel> datagram;
    final Class<? extends ServerSocketChannel> server;

    Transport(Class<? extends SocketChannel> socket, Class<? extends DatagramChannel> datagram,
              Class<? extends ServerSocketChannel> server) {
        this.socket = socket;
        this.datagram = datagram;
        this.server = server;
    }

    /** The transport whose channels can be registered with {@code group} (a group or one loop). */
    static Transport of(EventLoopGroup group) {
        // Epoll.isAvailable() first: it is what makes touching the epoll handler safe.
        if (Epoll.isAvailable() && group instanceof IoEventLoopGroup io && io.isIoType(EpollIoHandler.class)) {
            return EPOLL;
        }
        return NIO;
    }

    /** A group of {@code threads} loops running epoll when the native library loads, else NIO. */
    static MultiThreadIoEventLoopGroup newGroup(int threads) {
        DefaultThreadFactory names = new DefaultThreadFactory("sim800emu-loop");
        return Epoll.isAvailable()
                ? new MultiThreadIoEventLoopGroup(threads, names, EpollIoHandler.newFactory())
                : new MultiThreadIoEventLoopGroup(threads, names, NioIoHandler.newFactory());
    }
}
