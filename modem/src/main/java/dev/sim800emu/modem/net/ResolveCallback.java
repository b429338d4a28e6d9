package dev.sim800emu.modem.net;

import java.net.InetAddress;
import java.util.List;

/** Outcome of a name lookup, delivered on the modem's thread. */
public interface ResolveCallback {
    void onResolved(List<InetAddress> addresses);

    /** {@code notFound} distinguishes "no such name" (DNS error 8) from a network failure (3). */
    void onFailed(boolean notFound);
}
