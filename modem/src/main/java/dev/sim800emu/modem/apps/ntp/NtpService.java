package dev.sim800emu.modem.apps.ntp;

import dev.sim800emu.modem.at.Result;
import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.net.LinkListener;
import dev.sim800emu.modem.net.LinkRequest;
import dev.sim800emu.modem.net.NetLink;
import dev.sim800emu.modem.net.Protocol;
import dev.sim800emu.modem.net.ResolveCallback;
import dev.sim800emu.modem.time.ModemClock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * AT+CNTPCID and AT+CNTP (NTP application note §2): one SNTP query over the bearer, then
 * {@code +CNTP: <code>} — 1 synchronised (the RTC set in the configured zone), 61 network error
 * (bearer closed), 62 DNS error, 63 connection error, 64 bad answer, 65 no answer in time.
 */
public final class NtpService {
    static final int SYNCED = 1;
    static final int NETWORK_ERROR = 61;
    static final int DNS_ERROR = 62;
    static final int CONNECTION_ERROR = 63;
    static final int BAD_RESPONSE = 64;
    static final int TIMEOUT = 65;
    /** How long the chip waits for the answer: not documented; drivers give up after 5-10 s. */
    static final long WAIT_MILLIS = 5_000;
    private static final int NTP_PORT = 123;

    private final NtpHost host;
    int cid = 1;
    String server = "";
    int zone;
    private Query running;

    public NtpService(NtpHost host) {
        this.host = host;
    }

    public void reset() {
        if (running != null) {
            running.end(0);
        }
        cid = 1;
        server = "";
        zone = 0;
    }

    /** AT+CNTP: OK now, the outcome as a URC. */
    Result sync() {
        if (server.isEmpty() || running != null) {
            return Result.ERROR;
        }
        if (!host.bearerOpen(cid)) {
            host.urc(w -> w.text("+CNTP: " + NETWORK_ERROR));
            return Result.OK;
        }
        running = new Query(zone);
        running.begin(server);
        return Result.OK;
    }

    /** One query: lookup, UDP link, request, answer or timeout; ends exactly once. */
    private final class Query implements LinkListener {
        private final int quarters;
        private final ModemClock.Timer deadline;
        private NetLink link;
        private boolean over;

        Query(int quarters) {
            this.quarters = quarters;
            this.deadline = host.clock().schedule(WAIT_MILLIS, () -> end(TIMEOUT));
        }

        void begin(String name) {
            // "host:port" is the emulator's own extension, so tests can use an unprivileged port.
            int colon = name.lastIndexOf(':');
            String hostName = colon < 0 ? name : name.substring(0, colon);
            int port = colon < 0 ? NTP_PORT : parsePort(name.substring(colon + 1));
            byte[] literal = ModemConfig.parseIpv4(hostName);
            if (port < 0) {
                end(DNS_ERROR);
            } else if (literal != null) {
                open(literal, port);
            } else {
                host.network().resolve(hostName, new ResolveCallback() {
                    @Override
                    public void onResolved(List<InetAddress> addresses) {
                        if (!over) {
                            open(addresses.get(0).getAddress(), port);
                        }
                    }

                    @Override
                    public void onFailed(boolean notFound) {
                        end(DNS_ERROR);
                    }
                });
            }
        }

        private void open(byte[] address, int port) {
            try {
                link = host.network().open(new LinkRequest(Protocol.UDP, InetAddress.getByAddress(address), port, 0,
                        WAIT_MILLIS, null), this);
            } catch (UnknownHostException e) {
                end(DNS_ERROR);
            }
        }

        @Override
        public void onConnected() {
            if (!over) {
                link.send(SntpPacket.request());
            }
        }

        @Override
        public void onConnectFailed(String reason) {
            end(CONNECTION_ERROR);
        }

        @Override
        public void onData(byte[] data, InetSocketAddress from) {
            if (over) {
                return;
            }
            long millis = SntpPacket.transmitMillis(data);
            if (millis < 0) {
                end(BAD_RESPONSE);
                return;
            }
            host.setClock(Instant.ofEpochMilli(millis).atZone(ZoneOffset.ofTotalSeconds(quarters * 15 * 60)));
            end(SYNCED);
        }

        @Override
        public void onAcked(long totalAcked) {
        }

        @Override
        public void onClosed(String reason) {
            end(CONNECTION_ERROR);
        }

        /** Ends the query; code 0 ends it silently (a reset). */
        void end(int code) {
            if (over) {
                return;
            }
            over = true;
            deadline.cancel();
            if (link != null) {
                link.close(true);
            }
            if (running == this) {
                running = null;
            }
            if (code != 0) {
                host.urc(w -> w.text("+CNTP: " + code));
            }
        }
    }

    private static int parsePort(String digits) {
        return digits.matches("\\d{1,5}") && Integer.parseInt(digits) >= 1 && Integer.parseInt(digits) <= 65535
                ? Integer.parseInt(digits) : -1;
    }
}
