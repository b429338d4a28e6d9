package dev.sim800emu.modem.apps.ping;

import dev.sim800emu.modem.at.CommandTable;
import dev.sim800emu.modem.at.Result;

/**
 * AT+CIPPING (manual §10.2.1). Needs the CIP context (AT+CSTT/CIICR), as the manual's example
 * does, and answers ERROR without it (suggested: the manual says only "GPRS context must be activated").
 */
public final class PingCommands {
    private PingCommands() {
    }

    public static void register(CommandTable.Section<?, PingService> t) {
        t.command("+CIPPING").test("+CIPPING: (1-100),(0-1024),(1-600),(1-255)")
                .read((s, c, a) -> {
                    c.out().info("+CIPPING: " + s.retries + "," + s.dataLength + "," + s.timeout + "," + s.ttl);
                    return Result.OK;
                })
                .write((s, c, a) -> {
                    a.expectCount(1, 5);
                    String target = a.string(0, 255);
                    if (target.isEmpty()) {
                        return Result.ERROR;
                    }
                    return s.ping(c, target, a.integer(1, 1, 100, 4), a.integer(2, 0, 1024, 32),
                            a.integer(3, 1, 600, 100), a.integer(4, 1, 255, 64));
                });
    }
}
