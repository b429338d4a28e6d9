package dev.sim800emu.modem.apps.http;

import dev.sim800emu.modem.at.Args;
import dev.sim800emu.modem.at.CmeError;
import dev.sim800emu.modem.at.CommandContext;
import dev.sim800emu.modem.at.CommandTable;
import dev.sim800emu.modem.at.Handler;
import dev.sim800emu.modem.at.Result;
import dev.sim800emu.modem.config.ModemConfig;

/**
 * The HTTP commands (manual §11.2, SSL application note §2.2). Every command but HTTPINIT needs the
 * service initialised and answers ERROR otherwise (sim800-apps.md §9, suggested).
 */
public final class HttpCommands {
    private HttpCommands() {
    }

    public static void register(CommandTable.Section<?, HttpService> t) {
        t.command("+HTTPINIT").test((String) null).exec((s, c, a) -> s.init());
        t.command("+HTTPTERM").test((String) null).exec((s, c, a) -> s.term());
        t.command("+HTTPPARA").test("+HTTPPARA: \"HTTPParamTag\",\"HTTPParmValue\"")
                .read(live((s, c, a) -> info(c, "+HTTPPARA:", s.params().lines(true))))
                .write(live(HttpCommands::para));
        t.command("+HTTPDATA").test("+HTTPDATA: (1-" + HttpResponse.MAX_BODY + "),(1000-120000)")
                .write(live((s, c, a) -> s.download(c, a.expectCount(2, 2).integer(0, 0, HttpResponse.MAX_BODY),
                        a.integer(1, 1000, 120000))));
        t.command("+HTTPACTION").test("+HTTPACTION: (0-3)")
                .write(live((s, c, a) -> s.action(a.expectCount(1, 1).integer(0, 0, 3))));
        t.command("+HTTPREAD").test("+HTTPREAD: (0-" + HttpResponse.MAX_BODY + "),(1-" + HttpResponse.MAX_BODY + ")")
                .exec(live((s, c, a) -> read(c, s.readable(), 0, Integer.MAX_VALUE)))
                .write(live((s, c, a) -> read(c, s.readable(), a.expectCount(2, 2).integer(0, 0, HttpResponse.MAX_BODY),
                        a.integer(1, 1, HttpResponse.MAX_BODY))));
        t.command("+HTTPHEAD").test((String) null).exec(live((s, c, a) -> dump(c, "+HTTPHEAD: ", s.head(), 0, Integer.MAX_VALUE)));
        t.command("+HTTPSTATUS").test((String) null)
                .read(live((s, c, a) -> info(c, "+HTTPSTATUS: " + s.status())));
        t.command("+HTTPSCONT").test((String) null)
                .read(live((s, c, a) -> info(c, "+HTTPSCONT: " + (s.unsaved() ? 1 : 0), s.params().lines(false))))
                .exec(live((s, c, a) -> {
                    s.save();
                    return Result.OK;
                }));
        t.command("+HTTPSSL").test(ssl((s, c, a) -> info(c, "+HTTPSSL: (0-1)")))
                .read(ssl(live((s, c, a) -> info(c, "+HTTPSSL: " + (s.ssl() ? 1 : 0)))))
                .write(ssl(live((s, c, a) -> {
                    s.ssl(a.expectCount(1, 1).integer(0, 0, 1) == 1);
                    return Result.OK;
                })));
    }

    /** The handler, or the unknown-command error on a firmware without SSL (every form, test included). */
    private static Handler<HttpService> ssl(Handler<HttpService> h) {
        return (s, c, a) -> s.sslFirmware() ? h.handle(s, c, a) : Result.cme(CmeError.UNKNOWN);
    }

    /** The handler, or ERROR before HTTPINIT. */
    private static Handler<HttpService> live(Handler<HttpService> h) {
        return (s, c, a) -> s.initialised() ? h.handle(s, c, a) : Result.ERROR;
    }

    private static Result para(HttpService s, CommandContext c, Args a) {
        a.expectCount(2, 2);
        HttpParam p = HttpParam.named(a.string(0, 16));
        if (p == null) {
            return Result.ERROR;
        }
        String value = a.string(1, HttpParam.MAX_TEXT);
        if (p.numeric()) {
            value = Integer.toString(Args.parseInt(value, p.min(), p.max()));
        } else if (p == HttpParam.PROIP && ModemConfig.parseIpv4(value) == null) {
            return Result.ERROR;
        }
        s.set(p, value);
        return Result.OK;
    }

    private static Result info(CommandContext c, String first, String... more) {
        String[] lines = new String[more.length + 1];
        lines[0] = first;
        System.arraycopy(more, 0, lines, 1, more.length);
        c.out().info(lines);
        return Result.OK;
    }

    /** {@code +HTTPREAD: n}, n raw bytes, then OK; plain OK when there is nothing to read. */
    private static Result read(CommandContext c, byte[] data, int from, int size) {
        return dump(c, "+HTTPREAD: ", data, from, size);
    }

    private static Result dump(CommandContext c, String label, byte[] data, int from, int size) {
        if (data == null || from >= data.length) {
            return Result.OK;
        }
        int n = Math.min(size, data.length - from);
        c.out().info(label + n);
        c.out().raw(data, from, n);
        return Result.OK;
    }
}
