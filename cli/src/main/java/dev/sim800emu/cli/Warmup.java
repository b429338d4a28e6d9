package dev.sim800emu.cli;

import io.netty.channel.epoll.Epoll;
import org.slf4j.LoggerFactory;

/**
 * Start-up work that no option changes, done on a second thread while the first one parses the
 * command line (picocli's reflection takes a couple of hundred milliseconds): setting up logback,
 * and loading Netty's native epoll transport. Both are class initialisation, which the JVM runs once
 * whichever thread gets there first — the other one waits for it — so a run behaves the same with
 * or without this; it is only ready sooner on a machine with a second core.
 */
final class Warmup {
    private Warmup() {
    }

    /** Starts the warm-up; a daemon thread, so that it never keeps the process alive. */
    static void start() {
        Thread t = new Thread(Warmup::run, "sim800emu-warmup");
        t.setDaemon(true);
        t.start();
    }

    private static void run() {
        LoggerFactory.getILoggerFactory();
        Epoll.isAvailable();
    }
}
