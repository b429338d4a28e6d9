package dev.sim800emu.modem.net;

/** A listening socket; closing it stops accepting but leaves accepted links open. */
public interface ServerHandle {
    void close();
}
