package dev.sim800emu.modem;

import dev.sim800emu.modem.control.ControlCommand;
import dev.sim800emu.modem.control.ControlException;
import dev.sim800emu.modem.control.ControlTarget;
import dev.sim800emu.modem.control.ModemStatus;
import dev.sim800emu.modem.net.Network;
import dev.sim800emu.modem.radio.DialOutcome;
import dev.sim800emu.modem.radio.Radio;
import dev.sim800emu.modem.tcpip.TcpIpStack;

/**
 * Carries out control-plane commands on one modem (see {@link ControlCommand}); every command is
 * an entry point of the engine, so the modem settles afterwards.
 *
 * <p>Each command is checked first and refused with a {@link ControlException} (one line for a
 * person) before anything changes: values out of range, a link that is not open, an event the
 * modem cannot take now. Two kinds of command differ while the modem is off: the state of the
 * world — network conditions and faults, coverage, signal, the SIM in its holder — can be set
 * at any time and holds when the modem powers on (a scenario may set the stage before the host
 * connects); events that need a running modem (a call, an SMS, a detach, a reboot …) are refused
 * with "modem is off".
 */
final class ModemController implements ControlTarget {
    private final ModemEngine modem;
    private final RadioEvents radio;

    ModemController(ModemEngine modem) {
        this.modem = modem;
        this.radio = new RadioEvents(modem);
    }

    @Override
    public void apply(ControlCommand command) {
        if (command == null) {
            throw new ControlException("no command");
        }
        modem.run(() -> {
            if (!world(command)) {
                event(command);
            }
        });
    }

    /** The world's state, allowed in any power state; false when {@code c} is an event. */
    private boolean world(ControlCommand c) {
        Network net = modem.network();
        if (c instanceof ControlCommand.Signal s) {
            ControlChecks.signal(s.rssi(), s.ber());
            modem.radio().signal(s.rssi(), s.ber());
        } else if (c instanceof ControlCommand.Register r) {
            ControlChecks.present(r.state(), "registration state");
            radio.register(r.state());
        } else if (c instanceof ControlCommand.Sim s) {
            if (s.inserted() == modem.radio().simInserted()) {
                throw new ControlException(s.inserted() ? "the SIM is already inserted" : "the SIM is already removed");
            }
            radio.sim(s.inserted());
        } else if (c instanceof ControlCommand.Network n) {
            ControlChecks.present(n.conditions(), "network conditions");
            ControlChecks.port(() -> net.conditions(n.conditions()));
        } else if (c instanceof ControlCommand.LatencySpike s) {
            ControlChecks.spike(s.extraMillis(), s.forMillis());
            ControlChecks.port(() -> net.latencySpike(s.extraMillis(), s.forMillis()));
        } else if (c instanceof ControlCommand.Dns d) {
            ControlChecks.dns(d.fault(), d.delayMillis());
            ControlChecks.port(() -> net.dnsFault(d.fault(), d.delayMillis()));
        } else if (c instanceof ControlCommand.Location l) {
            ControlChecks.present(l.location(), "location");
            modem.radio().location(l.location());
        } else if (c instanceof ControlCommand.Stress s) {
            modem.stress.set(s.timing());
        } else if (c instanceof ControlCommand.RefuseConnections r) {
            ControlChecks.port(() -> net.refuseConnections(r.refuse()));
        } else if (c instanceof ControlCommand.SmsFail f) {
            ControlChecks.smsFail(f.error(), f.count());
            modem.radio().sent().failNext(f.error(), f.count());
        } else if (c instanceof ControlCommand.Dial d) {
            ControlChecks.present(d.outcome(), "dial outcome");
            ControlChecks.dialDelay(d.afterMillis());
            modem.radio().dialOutcome = new DialOutcome(d.outcome(), d.afterMillis());
        } else {
            return false;
        }
        return true;
    }

    /** Events: they need a modem that is on. */
    private void event(ControlCommand c) {
        ControlChecks.running(modem.power());
        Radio r = modem.radio();
        NetworkEvents events = modem.events();
        if (c instanceof ControlCommand.Detach) {
            if (!r.attached()) {
                throw new ControlException("GPRS is not attached");
            }
            radio.detach();
        } else if (c instanceof ControlCommand.PdpDeact) {
            if (!events.dropGprs()) {
                throw new ControlException("no PDP context is active");
            }
        } else if (c instanceof ControlCommand.Reboot) {
            modem.reboot();
        } else if (c instanceof ControlCommand.NetworkTime t) {
            ControlChecks.time(t.time(), t.dst());
            radio.networkTime(t.time(), t.dst());
        } else if (c instanceof ControlCommand.Call call) {
            ControlChecks.number(call.from());
            ControlChecks.registered(r, "a call");
            if (events.call().state() != VoiceCall.State.IDLE) {
                throw new ControlException("a call is already in progress");
            }
            events.incomingCall(call.from());
        } else if (c instanceof ControlCommand.Hangup) {
            if (events.call().state() == VoiceCall.State.IDLE) {
                throw new ControlException("no call in progress");
            }
            events.callEnded();
        } else if (c instanceof ControlCommand.Sms sms) {
            ControlChecks.number(sms.from());
            ControlChecks.smsText(sms.text());
            ControlChecks.registered(r, "an SMS");
            if (events.newSms(sms.from(), sms.text()) == 0) {
                throw new ControlException("the SIM's message storage is full ("
                        + dev.sim800emu.modem.radio.MessageStore.CAPACITY + " messages)");
            }
        } else if (c instanceof ControlCommand.Ussd u) {
            ControlChecks.ussdText(u.text());
            ControlChecks.registered(r, "a USSD answer");
            if (r.cusd != 1) {
                throw new ControlException("USSD answers are not shown: the host has not sent AT+CUSD=1");
            }
            events.ussd(u.text());
        } else if (c instanceof ControlCommand.Link l) {
            ControlChecks.linkId(l.id());
            ControlChecks.present(l.fault(), "link fault");
            TcpIpStack ip = modem.tcpip();
            boolean[] open = {false};
            ControlChecks.port(() -> open[0] = ip.fault(l.id(), l.fault()));
            if (!open[0]) {
                throw new ControlException("link " + l.id() + " is not open");
            }
        } else {
            throw new ControlException("unknown command: " + c.verb());
        }
    }

    @Override
    public ModemStatus status() {
        return StatusView.of(modem);
    }
}
