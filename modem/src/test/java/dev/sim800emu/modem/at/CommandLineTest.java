package dev.sim800emu.modem.at;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.testing.ModemHarness;
import org.junit.jupiter.api.Test;

/** Command-line framing, echo and result formatting (reference §1, manual §1.4 and §2.2). */
class CommandLineTest {

    private final ModemHarness h = new ModemHarness().booted();

    @Test
    void echoIncludesTheCrButNotTheLfAfterIt() {
        assertThat(h.at("AT")).isEqualTo("AT\r\r\nOK\r\n");
        // A SIM800L echoes "AT\r\n" as "AT\r" (TinyGSM #314, ostaquet/Arduino-SIM800L-driver logs).
        h.send("AT\r\n");
        assertThat(h.take()).isEqualTo("AT\r\r\nOK\r\n");
        // The LF arriving after the reply is not echoed either, and starts nothing.
        h.send("AT\r");
        assertThat(h.take()).isEqualTo("AT\r\r\nOK\r\n");
        h.send("\n");
        assertThat(h.take()).isEmpty();
    }

    @Test
    void lowerCasePrefixAndLfOnlyTerminator() {
        h.send("ATE0\r");
        h.take();
        h.send("at\n");
        assertThat(h.take()).isEqualTo("\r\nOK\r\n");
        h.send("aT+cgmi\r");
        assertThat(h.take()).isEqualTo("\r\nSIMCOM_Ltd\r\n\r\nOK\r\n");
    }

    @Test
    void strayBytesAndEmptyLinesAreIgnored() {
        h.send("ATE0\r");
        h.take();
        h.send("\r\n\r\nxyz\r\n\u001a");
        assertThat(h.take()).isEmpty();
        assertThat(h.at("AT")).isEqualTo("\r\nOK\r\n");
    }

    @Test
    void unknownCommandAnswersError() {
        h.send("ATE0\r");
        h.take();
        assertThat(h.at("AT+FOO")).isEqualTo("\r\nERROR\r\n");
        assertThat(h.at("AT+CMEE=2")).isEqualTo("\r\nOK\r\n");
        // With CMEE an unknown command is the generic "unknown"; a state refusal is code 3.
        assertThat(h.at("AT+FOO")).isEqualTo("\r\n+CME ERROR: unknown\r\n");
        assertThat(h.at("AT+CSQ=5")).as("a form the command lacks stays plain ERROR").isEqualTo("\r\nERROR\r\n");
        assertThat(h.at("AT+CIICR")).isEqualTo("\r\n+CME ERROR: operation not allowed\r\n");
        assertThat(h.at("AT+CMEE=1")).isEqualTo("\r\nOK\r\n");
        assertThat(h.at("AT+CIICR")).isEqualTo("\r\n+CME ERROR: 3\r\n");
        assertThat(h.at("AT+FOO")).isEqualTo("\r\n+CME ERROR: 100\r\n");
    }

    @Test
    void concatenatedCommandsGiveOneOk() {
        h.send("ATE0\r");
        h.take();
        assertThat(h.at("AT+CMEE=1;+CMEE?;E0")).isEqualTo("\r\n+CMEE: 1\r\n\r\nOK\r\n");
        assertThat(h.at("ATE0Q0V1X4&C1;+IFC=0,0;+IPR=115200")).isEqualTo("\r\nOK\r\n");
        assertThat(h.at("AT+GSV;+GSN")).isEqualTo("\r\nSIMCOM_Ltd\r\nSIMCOM_SIM800L\r\nRevision:1418B05SIM800L24\r\n"
                + "\r\n" + h.modem.config().identity().imei() + "\r\n\r\nOK\r\n");
    }

    @Test
    void firstFailureStopsTheLine() {
        h.send("ATE0\r");
        h.take();
        // CMEE=1 has taken effect when +NOPE fails, so the error is numeric.
        assertThat(h.at("AT+CMEE=1;+NOPE;+CMEE=2")).isEqualTo("\r\n+CME ERROR: 100\r\n");
        assertThat(h.at("AT+CMEE?")).isEqualTo("\r\n+CMEE: 1\r\n\r\nOK\r\n");
    }

    @Test
    void syntaxErrorRunsNothing() {
        h.send("ATE0\r");
        h.take();
        assertThat(h.at("AT+CMEE=2;+CSTT=\"open")).isEqualTo("\r\nERROR\r\n");
        assertThat(h.at("AT+CMEE=2;E0!")).isEqualTo("\r\nERROR\r\n");
        assertThat(h.at("AT+CMEE?")).isEqualTo("\r\n+CMEE: 0\r\n\r\nOK\r\n");
    }

    @Test
    void verboseZeroAndQuiet() {
        assertThat(h.at("ATV0")).isEqualTo("ATV0\r0\r");
        assertThat(h.at("AT+CSQ")).isEqualTo("AT+CSQ\r+CSQ: 20,0\r\n0\r");
        assertThat(h.at("AT+NOPE")).isEqualTo("AT+NOPE\r4\r");
        assertThat(h.at("ATV1Q1")).isEqualTo("ATV1Q1\r");
        assertThat(h.at("AT+CSQ")).isEqualTo("AT+CSQ\r\r\n+CSQ: 20,0\r\n");
        assertThat(h.at("ATQ0")).isEqualTo("ATQ0\r\r\nOK\r\n");
    }

    @Test
    void repeatLastLine() {
        h.send("ATE0\r");
        h.take();
        assertThat(h.at("AT+CSQ")).isEqualTo("\r\n+CSQ: 20,0\r\n\r\nOK\r\n");
        h.send("A/");
        assertThat(h.take()).isEqualTo("\r\n+CSQ: 20,0\r\n\r\nOK\r\n");
    }

    @Test
    void backspaceEditsTheLine() {
        assertThat(h.at("AT+CSX\bQ")).isEqualTo("AT+CSX\bQ\r\r\n+CSQ: 20,0\r\n\r\nOK\r\n");
    }

    @Test
    void lineOf556CharactersRunsAndLongerIsRejected() {
        h.send("ATE0\r");
        h.take();
        String ok = "E0" + ";E0".repeat(184) + "  ";
        assertThat(ok).hasSize(556);
        assertThat(h.at("AT" + ok)).isEqualTo("\r\nOK\r\n");
        assertThat(h.at("AT+CMEE=2" + " ".repeat(600))).isEqualTo("\r\nERROR\r\n");
        assertThat(h.at("AT+CMEE?")).isEqualTo("\r\n+CMEE: 0\r\n\r\nOK\r\n");
        assertThat(h.at("AT")).isEqualTo("\r\nOK\r\n");
    }

    @Test
    void sRegisters() {
        h.send("ATE0\r");
        h.take();
        assertThat(h.at("ATS3?")).isEqualTo("\r\n13\r\n\r\nOK\r\n");
        assertThat(h.at("ATS0=2")).isEqualTo("\r\nOK\r\n");
        assertThat(h.at("ATS0?")).isEqualTo("\r\n2\r\n\r\nOK\r\n");
        assertThat(h.at("ATS3=10")).isEqualTo("\r\nERROR\r\n");
        assertThat(h.at("ATS5=300")).isEqualTo("\r\nERROR\r\n");
    }

    @Test
    void profileSaveAndRestore() {
        h.send("ATE0\r");
        h.take();
        assertThat(h.at("AT+CMEE=2;&W")).isEqualTo("\r\nOK\r\n");
        assertThat(h.at("AT+CMEE=0;Z")).isEqualTo("\r\nOK\r\n");
        assertThat(h.at("AT+CMEE?")).isEqualTo("\r\n+CMEE: 2\r\n\r\nOK\r\n");
        // AT&F brings echo back on: the line itself was typed with echo off.
        assertThat(h.at("AT&F")).isEqualTo("\r\nOK\r\n");
        assertThat(h.at("AT+CMEE?")).isEqualTo("AT+CMEE?\r\r\n+CMEE: 0\r\n\r\nOK\r\n");
    }

    @Test
    void identityNumbersAreValid() {
        ModemConfig cfg = h.modem.config();
        assertThat(cfg.identity().imei()).hasSize(15).matches("\\d+");
        assertThat(dev.sim800emu.modem.config.ModemIdentity.luhnValid(cfg.identity().imei())).isTrue();
        assertThat(cfg.identity().iccid()).hasSize(20).startsWith("89");
        assertThat(dev.sim800emu.modem.config.ModemIdentity.luhnValid(cfg.identity().iccid())).isTrue();
        h.send("ATE0\r");
        h.take();
        assertThat(h.at("AT+CCID")).isEqualTo("\r\n" + cfg.identity().iccid() + "\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CIMI")).isEqualTo("\r\n" + cfg.identity().imsi() + "\r\n\r\nOK\r\n");
        assertThat(h.at("ATI")).isEqualTo("\r\nSIM800 R14.18\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CGMR")).isEqualTo("\r\nRevision:1418B05SIM800L24\r\n\r\nOK\r\n");
        assertThat(h.at("AT+CGMM")).isEqualTo("\r\nSIMCOM_SIM800L\r\n\r\nOK\r\n");
    }
}
