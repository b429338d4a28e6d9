package dev.sim800emu.modem.tcpip;

import dev.sim800emu.modem.at.ResponseWriter;
import dev.sim800emu.modem.at.ResultCode;

/** The text of AT+CIPSTATUS (manual §8.2.12, reference §3.12): OK first, then the state lines. */
final class StatusReport {
    private StatusReport() {
    }

    /** The text of a {@code C:} line or of {@code +CIPSTATUS: n,…}. */
    static String linkLine(Link l) {
        if (l.state() == LinkState.INITIAL || l.protocol == null) {
            return l.id + ",,\"\",\"\",\"\",\"INITIAL\"";
        }
        return l.id + "," + l.bearer + ",\"" + l.protocol + "\",\"" + l.remoteIp + "\",\"" + l.remotePort
                + "\",\"" + l.state().label() + "\"";
    }

    /** AT+CIPSTATUS: OK, STATE, and in multi mode the server's S: line and six C: lines. */
    static void write(TcpIpStack ip, ResponseWriter w) {
        w.result(ResultCode.OK);
        w.info("STATE: " + ip.stateLabel());
        if (ip.multi()) {
            w.raw("\r\n");
            String server = ip.server.statusLine();
            if (server != null) {
                w.raw(server + "\r\n");
            }
            for (Link l : ip.links) {
                w.raw("C: " + linkLine(l) + "\r\n");
            }
        }
    }
}
