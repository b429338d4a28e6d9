package dev.sim800emu.modem.fleet;

import dev.sim800emu.modem.config.ModemConfig;
import java.net.Inet4Address;

/**
 * Local addresses the simulated operator hands out (AT+CIFSR), one per modem index: consecutive
 * host addresses from a start, skipping each /24's .0 and .255 so that no modem is told a network
 * or broadcast address. The default pool, 10.64.0.0/10, holds about four million.
 */
public final class IpPool {
    private static final int PER_BLOCK = 254;

    private final long base;
    private final long limit;

    /** A pool from the /24 holding {@code start} to the end of the /{@code prefix} around it. */
    public IpPool(Inet4Address start, int prefix) {
        long s = toLong(start.getAddress());
        long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        this.base = s & 0xFFFFFF00L;
        this.limit = (s & mask) + (1L << (32 - prefix));
    }

    public static IpPool primary() {
        return new IpPool(ModemConfig.ipv4("10.64.0.0"), 10);
    }

    /** For the second PDP context (AT+CIPSGTXT=1). */
    public static IpPool secondary() {
        return new IpPool(ModemConfig.ipv4("10.128.0.0"), 10);
    }

    /** How many addresses the pool holds. */
    public long size() {
        return (limit - base) / 256 * PER_BLOCK;
    }

    /** The address of modem {@code index}; IllegalArgumentException past the pool's end. */
    public Inet4Address address(long index) {
        if (index < 0 || index >= size()) {
            throw new IllegalArgumentException("the address pool holds " + size() + " addresses, not " + (index + 1));
        }
        long a = base + index / PER_BLOCK * 256 + index % PER_BLOCK + 1;
        return ModemConfig.ipv4(((a >> 24) & 255) + "." + ((a >> 16) & 255) + "." + ((a >> 8) & 255) + "." + (a & 255));
    }

    private static long toLong(byte[] b) {
        return ((b[0] & 255L) << 24) | ((b[1] & 255L) << 16) | ((b[2] & 255L) << 8) | (b[3] & 255L);
    }
}
