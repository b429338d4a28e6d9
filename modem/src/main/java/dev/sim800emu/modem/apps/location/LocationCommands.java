package dev.sim800emu.modem.apps.location;

import dev.sim800emu.modem.at.Args;
import dev.sim800emu.modem.at.CommandContext;
import dev.sim800emu.modem.at.Handler;
import dev.sim800emu.modem.at.Result;
import dev.sim800emu.modem.config.CellLocation;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Cell-based location (sim800-apps.md §7): AT+CIPGSMLOC (manual V1.10 §13.2.1) and AT+CLBS /
 * AT+CLBSCFG (LBS application note §2). Both ask the location service over SAPBR bearer {@code <cid>}
 * and answer synchronously with the point the network has for the modem, <em>longitude first</em>;
 * with the bearer closed they answer the service's network-error code (601, 3) and OK.
 */
public final class LocationCommands {
    static final int GSMLOC_NETWORK_ERROR = 601;
    static final int CLBS_SUCCESS = 0;
    static final int CLBS_NET_ERROR = 3;
    static final int REPORT_OK = 80;
    static final int REPORT_BAD_PARAMETER = 81;
    static final int REPORT_FAILED = 82;
    private static final DateTimeFormatter LONG_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd,HH:mm:ss");
    private static final DateTimeFormatter SHORT_DATE = DateTimeFormatter.ofPattern("yy/MM/dd,HH:mm:ss");
    /** The customer ID AT+CLBSCFG shows (the LBS note's example; the service account is SIMCom's). */
    static final String CUSTOMER_ID = "CUSTES";

    private LocationCommands() {
    }

    public static void register(dev.sim800emu.modem.at.CommandTable.Section<?, LocationService> t) {
        t.command("+CIPGSMLOC").test("+CIPGSMLOC: (1,2),(1-3)").write(LocationCommands::gsmLoc);
        t.command("+CLBS").test(lbs((s, c, a) -> info(c,
                        "+CLBS: (1,3,4,9),(1-3),(-180.000000-180.000000),(-90.000000-90.000000),(0,1)")))
                .write(lbs(LocationCommands::clbs));
        t.command("+CLBSCFG").test(lbs((s, c, a) -> info(c, "+CLBSCFG: 0,(1-2),\"ParamValue\"")))
                .write(lbs((s, c, a) -> {
                    a.expectCount(2, 2).integer(0, 0, 0); // 0 reads; the note documents no other operation
                    return info(c, a.integer(1, 1, 2) == 1 ? "+CLBSCFG: 0,1,\"" + CUSTOMER_ID + "\""
                            : "+CLBSCFG: 0,2," + s.uses);
                }));
    }

    /** CIPGSMLOC=1,cid: code, longitude, latitude, date, time; =2,cid: code, date, time. */
    private static Result gsmLoc(LocationService s, CommandContext c, Args a) {
        int type = a.expectCount(2, 2).integer(0, 1, 2);
        int cid = a.integer(1, 1, 3);
        if (!s.host.bearerOpen(cid)) {
            return info(c, "+CIPGSMLOC: " + GSMLOC_NETWORK_ERROR);
        }
        String when = LONG_DATE.format(s.host.networkTime().atOffset(ZoneOffset.UTC));
        return info(c, "+CIPGSMLOC: 0," + (type == 1 ? point(s.host.location()) + "," : "") + when);
    }

    private static Result clbs(LocationService s, CommandContext c, Args a) {
        int type = a.integer(0, 1, 9);
        if (type == 9) {
            return report(s, c, a);
        }
        a.expectCount(2, 2);
        int cid = a.integer(1, 1, 3);
        if (type != 1 && type != 3 && type != 4) {
            return Result.ERROR;
        }
        if (!s.host.bearerOpen(cid)) {
            return info(c, "+CLBS: " + CLBS_NET_ERROR);
        }
        if (type == 3) {
            return info(c, "+CLBS: " + CLBS_SUCCESS + "," + s.uses);
        }
        s.uses++;
        CellLocation l = s.host.location();
        String line = "+CLBS: " + CLBS_SUCCESS + "," + point(l) + "," + l.accuracyMeters();
        if (type == 4) {
            line += "," + SHORT_DATE.format(s.host.networkTime().atOffset(ZoneOffset.UTC));
        }
        return info(c, line);
    }

    /** CLBS=9,cid[,lon,lat[,lon_type]]: the host reports a bad fix; 80 taken, 81 bad values, 82 failed. */
    private static Result report(LocationService s, CommandContext c, Args a) {
        a.expectCount(2, 5);
        int cid = a.integer(1, 1, 3);
        if (a.size() == 3) {
            return info(c, "+CLBS: " + REPORT_BAD_PARAMETER); // a longitude needs its latitude
        }
        if (a.size() >= 4 && !(inRange(a, 2, 180) && inRange(a, 3, 90) && (a.size() < 5 || lonType(a)))) {
            return info(c, "+CLBS: " + REPORT_BAD_PARAMETER);
        }
        return info(c, "+CLBS: " + (s.host.bearerOpen(cid) ? REPORT_OK : REPORT_FAILED));
    }

    private static boolean inRange(Args a, int i, double limit) {
        try {
            double d = Double.parseDouble(a.string(i, 20));
            return d >= -limit && d <= limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean lonType(Args a) {
        String t = a.string(4, 1);
        return t.equals("0") || t.equals("1");
    }

    /** Longitude first, then latitude (the chip's order; Adafruit FONA PR 41, TinyGSM issue 792). */
    private static String point(CellLocation l) {
        return CellLocation.degrees(l.longitude()) + "," + CellLocation.degrees(l.latitude());
    }

    private static Result info(CommandContext c, String line) {
        c.out().info(line);
        return Result.OK;
    }

    private static Handler<LocationService> lbs(Handler<LocationService> h) {
        return (s, c, a) -> s.host.lbsFirmware() ? h.handle(s, c, a) : Result.ERROR;
    }
}
