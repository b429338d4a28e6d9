package dev.sim800emu.modem.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.config.ChipModel;
import dev.sim800emu.modem.config.Firmware;
import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.config.ModemIdentity;
import dev.sim800emu.modem.testing.ModemHarness;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Each model and firmware prints consistent identity strings, and R13 lacks what the sources say it lacks. */
class IdentityPresetsTest {

    private static ModemHarness modem(ChipModel model, Firmware firmware) {
        return new ModemHarness(ModemConfig.builder().bootMillis(0)
                .identity(ModemIdentity.forIndex(0, model, firmware)).build()).quiet();
    }

    @ParameterizedTest
    @CsvSource({
        "SIM800L, R14_18, SIM800 R14.18, SIMCOM_SIM800L, 1418B05SIM800L24, SIM800",
        "SIM800L, R13_08, SIM800 R13.08, SIMCOM_SIM800L, 1308B08SIM800L16, SIM800",
        "SIM800C, R14_18, SIM800 R14.18, SIMCOM_SIM800C, 1418B05SIM800C24, SIM800",
        "SIM800H, R13_08, SIM800 R13.08, SIMCOM_SIM800H, 1308B08SIM800H32, SIM800",
        "SIM800,  R13_08, SIM800 R13.08, SIMCOM_SIM800,  1308B08SIM800M32, SIM800",
        "SIM808,  R14_18, SIM808 R14.18, SIMCOM_SIM808,  1418B05SIM808M32, SIM808",
        "SIM868,  R14_18, SIM868 R14.18, SIMCOM_SIM868,  1418B05SIM868M32_BT, SIM868",
    })
    void identityStringsAgree(ChipModel model, Firmware firmware, String ati, String gmm, String revision, String goi) {
        ModemHarness h = modem(model, firmware);
        assertThat(h.at("ATI")).isEqualTo("\r\n" + ati + "\r\n\r\nOK\r\n");
        assertThat(h.at("AT+GMM")).isEqualTo("\r\n" + gmm + "\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CGMM")).isEqualTo("\r\n" + gmm + "\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CGMR")).isEqualTo("\r\nRevision:" + revision + "\r\n\r\nOK\r\n");
        assertThat(h.at("AT+GSV")).isEqualTo("\r\nSIMCOM_Ltd\r\n" + gmm + "\r\nRevision:" + revision + "\r\n\r\nOK\r\n");
        assertThat(h.at("AT+GOI")).isEqualTo("\r\n" + goi + "\r\n\r\nOK\r\n");
        // ATI's release is the first four digits of the revision (reference §5.2).
        assertThat(revision.substring(0, 4)).isEqualTo(ati.substring(ati.indexOf('R') + 1).replace(".", ""));
        h.verify();
    }

    @Test
    void release13HasNoSslAndTheSimStorageIsSmP() {
        ModemHarness r13 = modem(ChipModel.SIM800L, Firmware.R13_08);
        assertThat(r13.at("AT+CIPSSL=?")).isEqualTo("\r\nERROR\r\n");
        assertThat(r13.at("AT+CIPSSL=0")).isEqualTo("\r\nERROR\r\n");
        assertThat(r13.at("AT+CPMS?")).isEqualTo("\r\n+CPMS: \"SM_P\",0,30,\"SM_P\",0,30,\"SM_P\",0,30\r\n\r\nOK\r\n");
        r13.verify();
        ModemHarness r14 = modem(ChipModel.SIM800L, Firmware.R14_18);
        assertThat(r14.at("AT+CIPSSL=?")).isEqualTo("\r\n+CIPSSL: (0-1)\r\n\r\nOK\r\n");
        assertThat(r14.at("AT+CPMS?")).startsWith("\r\n+CPMS: \"SM\",");
        r14.verify();
        ModemHarness h800 = modem(ChipModel.SIM800H, Firmware.R13_08);
        assertThat(h800.at("AT+CPMS?")).as("a SIM800H answered \"SM\" (FONA #46)").startsWith("\r\n+CPMS: \"SM\",");
        assertThat(h800.at("AT+CFGRI?")).isEqualTo("\r\n+CFGRI: 0\r\n\r\nOK\r\n");
        h800.verify();
        ModemHarness sim808 = modem(ChipModel.SIM808, Firmware.R14_18);
        assertThat(sim808.at("AT+CFGRI?")).isEqualTo("\r\n+CFGRI: 2\r\n\r\nOK\r\n");
        sim808.verify();
    }

    @Test
    void ussdTableAnswersKnownCodes() {
        ModemHarness h = new ModemHarness(ModemConfig.builder().bootMillis(0)
                .ussdReplies(Map.of("*100#", "Balance: 10.00")).build()).quiet();
        assertThat(h.at("AT+CUSD=1,\"*100#\"")).isEqualTo("\r\nOK\r\n\r\n+CUSD: 0, \"Balance: 10.00\", 15\r\n");
        assertThat(h.at("AT+CUSD=1,\"*101#\"")).as("unknown codes wait for the control plane").isEqualTo("\r\nOK\r\n");
        assertThat(h.at("AT+CUSD=0,\"*100#\"")).as("presentation off").isEqualTo("\r\nOK\r\n");
        h.verify();
    }
}
