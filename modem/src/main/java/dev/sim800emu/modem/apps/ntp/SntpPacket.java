package dev.sim800emu.modem.apps.ntp;

/** The 48-byte SNTP message (RFC 4330): the client's request and the server's transmit time. */
final class SntpPacket {
    static final int LENGTH = 48;
    /** Seconds from the NTP era (1900) to the Unix epoch. */
    private static final long ERA_OFFSET = 2_208_988_800L;

    private SntpPacket() {
    }

    /** LI 0, version 3, mode 3 (client); every other field zero, as SNTP clients may send. */
    static byte[] request() {
        byte[] b = new byte[LENGTH];
        b[0] = 0x1B;
        return b;
    }

    /**
     * The server's transmit time in Unix milliseconds, or -1 when {@code reply} is not a usable
     * server answer: too short, not mode 4 (server), stratum 0 (a kiss-o'-death), or no time.
     */
    static long transmitMillis(byte[] reply) {
        if (reply.length < LENGTH || (reply[0] & 0x07) != 4 || reply[1] == 0) {
            return -1;
        }
        long seconds = readUnsigned(reply, 40);
        long fraction = readUnsigned(reply, 44);
        if (seconds == 0) {
            return -1;
        }
        return (seconds - ERA_OFFSET) * 1000 + (fraction * 1000 >>> 32);
    }

    private static long readUnsigned(byte[] b, int at) {
        return ((b[at] & 0xFFL) << 24) | ((b[at + 1] & 0xFFL) << 16) | ((b[at + 2] & 0xFFL) << 8) | (b[at + 3] & 0xFFL);
    }
}
