package dev.sim800emu.modem.net;

/** Transport of a link. */
public enum Protocol {
    TCP, UDP
}
