package dev.sim800emu.modem.tcpip;

import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.at.CommandContext;
import dev.sim800emu.modem.at.Result;

/**
 * The two PDP contexts and the bearer commands that move them along the ladder ({@link
 * BearerMachine}): AT+CSTT, AT+CIICR, AT+CIFSR, AT+CIPSGTXT, and the automatic activation of a
 * single-mode CIPSTART or CIPSERVER from IP INITIAL.
 */
final class Contexts {
    private final TcpIpStack ip;
    private final PdpContext[] all = {new PdpContext(0), new PdpContext(1)};
    /** AT+CIPSGTXT: the context commands act on in multi mode. */
    private int selected;

    Contexts(TcpIpStack ip) {
        this.ip = ip;
    }

    /** The context commands act on: the selected one in multi mode, context 0 in single mode. */
    PdpContext current() {
        return all[ip.multi() ? selected : 0];
    }

    PdpContext[] all() {
        return all;
    }

    Result cstt(String apn, String user, String password) {
        if (!ip.allowed(Permissions.Op.CSTT)) {
            return Result.notAllowed();
        }
        PdpContext c = current();
        c.apn = apn;
        c.user = user;
        c.password = password;
        if (c.id == 0) {
            TcpIpSettings s = ip.settings();
            s.set(TextSetting.APN, apn);
            s.set(TextSetting.USER, user);
            s.set(TextSetting.PASSWORD, password);
        }
        c.apply(BearerEvent.SET_APN);
        return Result.OK;
    }

    Result ciicr(CommandContext ctx) {
        if (!ip.allowed(Permissions.Op.CIICR)) {
            return Result.notAllowed();
        }
        PdpContext c = current();
        c.apply(BearerEvent.ACTIVATE);
        long delay = ip.host.config().activationMillis();
        if (delay == 0) {
            return finishActivation(ctx, c);
        }
        int epochAtStart = ip.epoch;
        ip.host.clock().schedule(delay, () -> {
            if (ip.epoch != epochAtStart) {
                return; // power cycle or CIPSHUT: the command went with it (and another may be pending)
            }
            // The network may have dropped the context meanwhile: the activation failed.
            ctx.complete(c.state() == BearerState.CONFIG ? finishActivation(ctx, c) : Result.ERROR);
        });
        return Result.PENDING;
    }

    private Result finishActivation(CommandContext ctx, PdpContext c) {
        ModemConfig cfg = ip.host.config();
        if (!ip.host.gprsAttached() || !cfg.apnAccepted(c.apn, c.user, c.password)) {
            c.apply(BearerEvent.REJECTED);
            // A SIM800L prints the context's loss before the ERROR (hex dumps in KenLagoni/MavlinkGPRS,
            // libraries/SIM800L/SIM800 sata analysis.txt): "\r\n+PDP: DEACT\r\n\r\nERROR\r\n".
            ctx.out().info("+PDP: DEACT");
            return Result.ERROR;
        }
        c.apply(BearerEvent.ACTIVATED);
        c.address = c.id == 0 ? cfg.localIp() : cfg.secondLocalIp();
        return Result.OK;
    }

    Result cifsr(CommandContext ctx) {
        if (!ip.allowed(Permissions.Op.CIFSR)) {
            return Result.notAllowed();
        }
        PdpContext c = current();
        if (c.state() == BearerState.GPRSACT) {
            c.apply(BearerEvent.READ_ADDRESS);
        }
        ctx.out().info(c.address.getHostAddress());
        return Result.DONE;
    }

    /** Single-mode CIPSTART/CIPSERVER from IP INITIAL: bring context 0 up with the stored APN. */
    boolean autoActivate() {
        PdpContext c = all[0];
        if (c.state() != BearerState.INITIAL) {
            return true;
        }
        if (!ip.host.gprsAttached() || !ip.host.config().apnAccepted(c.apn, c.user, c.password)) {
            c.apply(BearerEvent.REJECTED);
            return false;
        }
        c.apply(BearerEvent.AUTO_ACTIVATE);
        c.address = ip.host.config().localIp();
        return true;
    }

    /** AT+CIPSGTXT: selects the PDP context later commands act on (multi mode only). */
    Result select(int id) {
        if (!ip.multi()) {
            return Result.notAllowed();
        }
        selected = id;
        return Result.OK;
    }

    /** Power-on: every context shut, APN settings as {@code s} (restored by CIPSCONT) has them. */
    void reset(TcpIpSettings s) {
        for (PdpContext c : all) {
            c.apply(BearerEvent.SHUT);
            c.address = null;
            c.apn = s.get(TextSetting.APN);
            c.user = s.get(TextSetting.USER);
            c.password = s.get(TextSetting.PASSWORD);
        }
        selected = 0;
    }
}
