package dev.sim800emu.modem.tcpip;

import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.at.BadParameterException;
import dev.sim800emu.modem.at.CommandContext;
import dev.sim800emu.modem.at.CommandTable;
import dev.sim800emu.modem.at.Result;
import dev.sim800emu.modem.net.Protocol;
import java.util.Locale;

/**
 * The AT+CIP… commands (manual chapter 8), in three families: {@link BearerCommands} (contexts and
 * names), {@link LinkCommands} (links, server, send and receive) and {@link SettingCommands}
 * (settings and AT+CIPSCONT). Parameters whose meaning changes with CIPMUX go through {@link
 * LinkArgs}. Handlers call {@link TcpIpStack}'s parts and keep no state of their own.
 */
public final class TcpIpCommands {
    private TcpIpCommands() {
    }

    public static void register(CommandTable.Section<?, TcpIpStack> t) {
        SettingCommands.register(t);
        BearerCommands.register(t);
        LinkCommands.register(t);
    }

    static Protocol protocol(String s) {
        return switch (s.toUpperCase(Locale.ROOT)) {
            case "TCP" -> Protocol.TCP;
            case "UDP" -> Protocol.UDP;
            default -> throw new BadParameterException("mode must be TCP or UDP");
        };
    }

    static String dotted(String s) {
        if (ModemConfig.parseIpv4(s) == null) {
            throw new BadParameterException("not a dotted address");
        }
        return s;
    }

    /** One information line, then OK. */
    static Result info(CommandContext c, String line) {
        c.out().info(line);
        return Result.OK;
    }

    /** "(0-5)," before the other ranges of a test form in multi mode. */
    static String idRange(TcpIpStack ip) {
        return ip.multi() ? "(0-5)," : "";
    }
}
