package dev.sim800emu.modem.tcpip;

import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.at.Result;
import java.net.InetAddress;
import java.util.List;

/** AT+CDNSGIP (manual §8.2.15): OK at once, the addresses later as a +CDNSGIP URC. */
final class NameLookup {
    private final TcpIpStack ip;

    NameLookup(TcpIpStack ip) {
        this.ip = ip;
    }

    Result cdnsgip(String name) {
        if (!ip.allowed(Permissions.Op.CDNSGIP)) {
            return Result.notAllowed();
        }
        TcpIpHost host = ip.host;
        if (ModemConfig.parseIpv4(name) != null) {
            host.urc(w -> w.text("+CDNSGIP: 1,\"" + name + "\",\"" + name + "\""));
            return Result.OK;
        }
        // A CIPSHUT or reboot in the meantime bumps the epoch: the answer is then dropped. The
        // chip documents no limit for CDNSGIP; the emulator gives up when CIPSTART would
        // (--connect-timeout, 75 s by default) with NETWORK ERROR, so a silent DNS server
        // cannot leave a driver waiting for ever.
        int epochAtStart = ip.epoch;
        TimedLookup.start(host, name, host.config().connectTimeoutMillis(), new TimedLookup.Outcome() {
            @Override
            public void resolved(List<InetAddress> addresses, long leftMillis) {
                if (ip.epoch != epochAtStart) {
                    return;
                }
                StringBuilder sb = new StringBuilder("+CDNSGIP: 1,\"").append(name).append('"');
                for (int i = 0; i < Math.min(2, addresses.size()); i++) {
                    sb.append(",\"").append(addresses.get(i).getHostAddress()).append('"');
                }
                String line = sb.toString();
                host.urc(w -> w.text(line));
            }

            @Override
            public void failed(boolean notFound) {
                if (ip.epoch == epochAtStart) {
                    host.urc(w -> w.text("+CDNSGIP: 0," + (notFound ? 8 : 3)));
                }
            }

            @Override
            public void timedOut() {
                failed(false);
            }
        });
        return Result.OK;
    }
}
