package dev.sim800emu.modem.fleet;

import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.config.ModemIdentity;
import dev.sim800emu.modem.net.NetworkOptions;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a fleet is to be: how many modems, the id of the first (a pod's slice of a larger fleet
 * starts past zero), where their serial lines go, and the configuration they share.
 *
 * @param count modems to run
 * @param firstId the first modem's id; modem i has id {@code firstId + i} and the identity and
 *     local address of that number, so slices of one big fleet never repeat an IMEI
 * @param tcpBase modem i's serial line on port {@code tcpBase.port + i}, or null
 * @param ptyDir a pseudo-terminal per modem, linked as {@code ptyDir/modem-ID}, or null
 * @param template the configuration every modem starts from (identity and addresses are replaced)
 * @param network how links reach the world; modem i's servers (AT+CIPSERVER) get its server port
 *     offset plus i, so that every modem's port 8888 is a distinct host port
 * @param loops event loops the modems share (one per core is right)
 * @param keepPowered modems stay on when their TCP host leaves
 */
public record FleetPlan(int count, int firstId, InetSocketAddress tcpBase, Path ptyDir, ModemConfig template,
                        NetworkOptions network, int loops, boolean keepPowered) {
    /** Identities are distinct for ids below this (the IMEI's six-digit serial number). */
    public static final int MAX_ID = 999_999;

    public FleetPlan {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(network, "network");
        if (count < 1 || firstId < 0 || (long) firstId + count - 1 > MAX_ID) {
            throw new IllegalArgumentException("modem ids run from 0 to " + MAX_ID + "; "
                    + count + " modems from id " + firstId + " do not fit");
        }
        if (loops < 1) {
            throw new IllegalArgumentException("a fleet needs at least one event loop");
        }
    }

    /** The id of modem {@code i} of this plan. */
    public int id(int i) {
        return firstId + i;
    }

    /** The configuration of modem {@code i}: the template with the identity and addresses of its id. */
    public ModemConfig config(int i, IpPool primary, IpPool secondary) {
        int id = id(i);
        ModemIdentity t = template.identity();
        ModemIdentity numbers = ModemIdentity.forIndex(id);
        return template.toBuilder()
                .identity(new ModemIdentity(t.manufacturer(), t.model(), t.product(), t.revision(), numbers.imei(),
                        numbers.iccid(), numbers.imsi(), t.operatorName()))
                .localIp(primary.address(id))
                .secondLocalIp(secondary.address(id))
                .build();
    }

    /** The network options of modem {@code i}: its servers shifted by i. */
    public NetworkOptions network(int i) {
        return new NetworkOptions(network.dnsServer(), network.policy(), network.serverBind(),
                Math.max(-65535, Math.min(65535, network.serverPortOffset() + i)));
    }

    /** The TCP address of modem {@code i}'s serial line, or null. */
    public InetSocketAddress tcp(int i) {
        return tcpBase == null ? null : new InetSocketAddress(tcpBase.getAddress(), tcpBase.getPort() + i);
    }

    /** The PTY link of modem {@code i}, or null. */
    public Path pty(int i) {
        return ptyDir == null ? null : ptyDir.resolve("modem-" + id(i));
    }
}
