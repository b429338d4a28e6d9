package dev.sim800emu.cli;

import dev.sim800emu.modem.config.CellLocation;
import dev.sim800emu.modem.config.ChipModel;
import dev.sim800emu.modem.config.Firmware;
import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.config.ModemIdentity;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The launcher's options for who and where the modem is: model, firmware, IMEI, the SIM, its operator, its cell location. */
final class IdentityOptions {

    @Option(names = "--pin", paramLabel = "PIN", description = "Lock the SIM with this PIN (AT+CPIN).")
    String pin;

    @Option(names = "--imei", paramLabel = "DIGITS", converter = Converters.Imei.class,
            description = "IMEI to report (15 digits).")
    String imei;

    @Option(names = "--model", paramLabel = "MODEL", defaultValue = "SIM800L", converter = Converters.Model.class,
            description = "The chip to pose as: SIM800L, SIM800C, SIM800H, SIM800, SIM808 or SIM868 (AT+GMM, ATI, "
                    + "AT+GMR; default: ${DEFAULT-VALUE}).")
    ChipModel model;

    @Option(names = "--firmware", paramLabel = "RELEASE", defaultValue = "R14.18", converter = Converters.FirmwareRelease.class,
            description = "Firmware release: R13.08 or R14.18 (ATI, AT+GMR and the R13 differences; default: ${DEFAULT-VALUE}).")
    Firmware firmware;

    @Option(names = "--ussd", paramLabel = "CODE=TEXT",
            description = "Answer AT+CUSD=1,\"CODE\" with +CUSD: 0, \"TEXT\", 15 (repeatable; other codes wait for ctl ussd).")
    Map<String, String> ussd = new LinkedHashMap<>();

    @Option(names = "--location", paramLabel = "LAT,LON[,ACCURACY]", converter = Converters.Location.class,
            description = "Where the cell location service (AT+CIPGSMLOC, AT+CLBS) places the modem, in degrees "
                    + "and metres (default: 31.217055,121.359505,637; ctl location moves it).")
    CellLocation location;

    /** Puts the identity, the SIM lock and the USSD table into {@code b}; a bad table is a bad option. */
    void applyTo(ModemConfig.Builder b, CommandLine commandLine) {
        b.simPin(pin);
        if (location != null) {
            b.location(location);
        }
        if (!ussd.isEmpty()) {
            try {
                b.ussdReplies(ussd);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(commandLine, "--ussd: " + e.getMessage());
            }
        }
        ModemIdentity id = ModemIdentity.forIndex(0, model, firmware);
        b.identity(imei == null ? id : id.withImei(imei));
    }
}
