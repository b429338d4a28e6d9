package dev.sim800emu.modem.apps.http;

/**
 * The chip's own status codes in +HTTPACTION (manual §11.2.5, SSL application note §2.2) and what
 * the emulator reports each for (sim800-apps.md §2.6 suggests the mapping; no capture has a timeout).
 */
final class HttpStatus {
    /** The server's answer is not HTTP. */
    static final int NOT_HTTP_PDU = 600;
    /** Bearer closed, connection refused or reset, the TIMEOUT parameter ran out. */
    static final int NETWORK_ERROR = 601;
    /** The body is larger than the chip's 319488-byte buffer. */
    static final int NO_MEMORY = 602;
    /** The name did not resolve, the URL has no usable host, or an https URL without HTTPSSL=1. */
    static final int DNS_ERROR = 603;
    /** HTTPACTION while another one runs. */
    static final int STACK_BUSY = 604;
    /** The TLS handshake failed on this side (certificate, timeout). */
    static final int SSL_FAILED = 605;
    /** The server ended the handshake with a fatal alert (TLS 1.0 refused, for one). */
    static final int SSL_ALERT = 606;

    private HttpStatus() {
    }
}
