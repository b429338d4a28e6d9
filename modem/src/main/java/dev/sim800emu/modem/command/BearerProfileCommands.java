package dev.sim800emu.modem.command;

import dev.sim800emu.modem.radio.AppBearers;
import dev.sim800emu.modem.at.Args;
import dev.sim800emu.modem.at.CommandContext;
import dev.sim800emu.modem.at.CommandSpec;
import dev.sim800emu.modem.at.CommandTable;
import dev.sim800emu.modem.at.Result;
import java.util.Map;

/**
 * AT+SAPBR (manual §9.2.1): set, open, close, query and read the bearer profiles of the
 * application layer. {@code AT+SAPBR=2,1} answers {@code +SAPBR: 1,1,"<ip>"} while open and
 * {@code +SAPBR: 1,3,"0.0.0.0"} while closed.
 */
public final class BearerProfileCommands {
    private BearerProfileCommands() {
    }

    public static void register(CommandTable.Section<?, BearerHost> t) {
        t.command("+SAPBR")
                .test("+SAPBR: (0-4),(1-3),\"ConParamTag\",\"ConParamValue\"")
                .write(BearerProfileCommands::sapbr);
    }

    private static Result sapbr(BearerHost modem, CommandContext c, Args a) {
        int type = a.integer(0, 0, 4);
        int cid = a.integer(1, 1, 3);
        AppBearers.Profile p = modem.appBearers().profile(cid);
        switch (type) {
            case 3 -> {
                a.expectCount(4, 4);
                return p.set(a.string(2, 20), a.string(3, 64)) ? Result.OK : Result.ERROR;
            }
            case 1 -> {
                a.expectCount(2, 2);
                if (p.status() == AppBearers.CONNECTED) {
                    // Opening an open bearer is a state refusal, CME 3 as CMEE says (LilyGo-T-Call-SIM800
                    // issue 259, CMEE=2); a failed activation below stays plain ERROR (TinyGSM issue 60).
                    return Result.notAllowed();
                }
                if (!modem.radio().registered()
                        || !modem.config().apnAccepted(p.param("APN"), p.param("USER"), p.param("PWD"))) {
                    return Result.ERROR;
                }
                // Opening a bearer attaches to GPRS first, as activating a context does.
                modem.radio().attached = true;
                p.setStatus(AppBearers.CONNECTED);
                return Result.OK;
            }
            case 0 -> {
                a.expectCount(2, 2);
                if (p.status() != AppBearers.CONNECTED) {
                    return Result.ERROR;
                }
                p.setStatus(AppBearers.CLOSED);
                return Result.OK;
            }
            case 2 -> {
                a.expectCount(2, 2);
                String ip = p.status() == AppBearers.CONNECTED ? modem.config().localIp().getHostAddress() : "0.0.0.0";
                c.out().info("+SAPBR: " + cid + "," + p.status() + ",\"" + ip + "\"");
                return Result.OK;
            }
            default -> {
                a.expectCount(2, 2);
                String[] lines = new String[p.params().size() + 1];
                lines[0] = "+SAPBR:";
                int i = 1;
                for (Map.Entry<String, String> e : p.params().entrySet()) {
                    lines[i++] = e.getKey() + ": " + e.getValue();
                }
                c.out().info(lines);
                return Result.OK;
            }
        }
    }
}
