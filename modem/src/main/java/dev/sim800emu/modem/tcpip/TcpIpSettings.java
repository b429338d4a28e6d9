package dev.sim800emu.modem.tcpip;

import java.util.Arrays;

/**
 * The TCP/IP application's settings (manual chapter 8). None is saved by AT&W; AT+CIPSCONT saves
 * the set that {@link #saveable()} compares, and a reboot restores it.
 */
final class TcpIpSettings {
    int mux;
    int mode;
    int qsend;
    int sprt = 1;
    int head;
    int srip;
    int showtp;
    int atsMode;
    int atsTime = 1;
    int rxget;
    int ssl;
    int csgpMode = 1;
    int[] ccfg = {5, 2, 1024, 1, 0, 1460, 50};
    int[] rdtimer = {2000, 3500};
    int[] dpdp = {0, 10, 3};
    int[] tka = {0, 7200, 75, 9};
    String dnsPrimary = "0.0.0.0";
    String dnsSecondary = "0.0.0.0";
    /** GPRS APN, user and password stored with CIPCSGP/CSTT and saved by CIPSCONT. */
    String apn = "CMNET";
    String user = "";
    String password = "";

    TcpIpSettings copy() {
        TcpIpSettings c = new TcpIpSettings();
        c.mux = mux;
        c.mode = mode;
        c.qsend = qsend;
        c.sprt = sprt;
        c.head = head;
        c.srip = srip;
        c.showtp = showtp;
        c.atsMode = atsMode;
        c.atsTime = atsTime;
        c.rxget = rxget;
        c.ssl = ssl;
        c.csgpMode = csgpMode;
        c.ccfg = ccfg.clone();
        c.rdtimer = rdtimer.clone();
        c.dpdp = dpdp.clone();
        c.tka = tka.clone();
        c.dnsPrimary = dnsPrimary;
        c.dnsSecondary = dnsSecondary;
        c.apn = apn;
        c.user = user;
        c.password = password;
        return c;
    }

    /** The values AT+CIPSCONT stores (manual §8.2.27), as one comparable string. */
    String saveable() {
        return String.join("|", String.valueOf(csgpMode), apn, user, password, String.valueOf(head),
                String.valueOf(showtp), String.valueOf(srip), atsMode + "," + atsTime, String.valueOf(sprt),
                String.valueOf(qsend), String.valueOf(mode), Arrays.toString(ccfg), String.valueOf(mux),
                Arrays.toString(dpdp), String.valueOf(rxget), Arrays.toString(rdtimer));
    }

    /** A fresh set after reboot: the saved values where CIPSCONT stored them, defaults elsewhere. */
    static TcpIpSettings restoredFrom(TcpIpSettings saved) {
        TcpIpSettings s = new TcpIpSettings();
        if (saved == null) {
            return s;
        }
        s.csgpMode = saved.csgpMode;
        s.apn = saved.apn;
        s.user = saved.user;
        s.password = saved.password;
        s.head = saved.head;
        s.showtp = saved.showtp;
        s.srip = saved.srip;
        s.atsMode = saved.atsMode;
        s.atsTime = saved.atsTime;
        s.sprt = saved.sprt;
        s.qsend = saved.qsend;
        s.mode = saved.mode;
        s.ccfg = saved.ccfg.clone();
        s.mux = saved.mux;
        s.dpdp = saved.dpdp.clone();
        s.rxget = saved.rxget;
        s.rdtimer = saved.rdtimer.clone();
        return s;
    }
}
