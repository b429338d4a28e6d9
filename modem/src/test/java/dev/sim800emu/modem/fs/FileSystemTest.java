package dev.sim800emu.modem.fs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sim800emu.modem.testing.ModemHarness;
import org.junit.jupiter.api.Test;

/** The file-system commands on the engine, byte for byte (FS note §2; sim800-apps.md §3.6). */
class FileSystemTest {
    private static final String OK = "\r\nOK\r\n";
    private static final String ERROR = "\r\nERROR\r\n";
    private final ModemHarness h = new ModemHarness().quiet();

    @Test
    void aNewDriveHoldsOnlyTheUserDirectoryAndAllItsSpace() {
        assertThat(h.at("AT+FSDRIVE=0")).isEqualTo("\r\n+FSDRIVE: C\r\n" + OK);
        assertThat(h.at("AT+FSDRIVE=?")).isEqualTo("\r\n+FSDRIVE: (0-1)\r\n" + OK);
        assertThat(h.at("AT+FSDRIVE=1")).as("no SD card").isEqualTo(ERROR);
        assertThat(h.at("AT+FSLS=C:\\")).isEqualTo("\r\nUser\\\r\n" + OK);
        assertThat(h.at("AT+FSLS=C:\\User\\")).as("empty: OK alone").isEqualTo(OK);
        assertThat(h.at("AT+FSMEM")).isEqualTo("\r\n+FSMEM: C:76288bytes\r\n" + OK);
        for (String c : new String[] {"FSMKDIR", "FSRMDIR", "FSLS", "FSCREATE", "FSDEL", "FSWRITE", "FSREAD",
                "FSFLSIZE", "FSMEM", "FSRENAME"}) {
            assertThat(h.at("AT+" + c + "=?")).as(c).isEqualTo(OK);
        }
    }

    @Test
    void theCertificateDialogOfTheSslNote() {
        assertThat(h.at("AT+FSCREATE=C:\\USER\\HENRY_SSL.CRT")).isEqualTo(OK);
        assertThat(h.at("AT+FSWRITE=C:\\USER\\HENRY_SSL.CRT,0,10,10")).isEqualTo("\r\n> ");
        h.send("0123456789");
        assertThat(h.take()).isEqualTo(OK);
        assertThat(h.at("AT+FSFLSIZE=C:\\User\\henry_ssl.crt")).as("names ignore case")
                .isEqualTo("\r\n+FSFLSIZE: 10\r\n" + OK);
        assertThat(h.at("AT+FSLS=C:\\user\\")).isEqualTo("\r\nHENRY_SSL.CRT\r\n" + OK);
        assertThat(h.at("AT+FSMEM")).isEqualTo("\r\n+FSMEM: C:76278bytes\r\n" + OK);
    }

    @Test
    void writeReplacesOrAppendsAndTheDataIsBinary() {
        h.at("AT+FSCREATE=C:\\User\\a.bin");
        h.at("AT+FSWRITE=C:\\User\\a.bin,0,6,5");
        h.send(new byte[] {'a', 0x1A, 0x1B, '\r', '\n', 'z'});
        assertThat(h.take()).isEqualTo(OK);
        h.at("AT+FSWRITE=C:\\User\\a.bin,1,2,5");
        h.send("AT");
        assertThat(h.take()).as("appended, not a command").isEqualTo(OK);
        assertThat(h.at("AT+FSREAD=C:\\User\\a.bin,0,100,0")).isEqualTo("\r\na\u001a\u001b\r\nzAT\r\n" + OK);
        h.at("AT+FSWRITE=C:\\User\\a.bin,0,3,5");
        h.send("xyz");
        assertThat(h.take()).isEqualTo(OK);
        assertThat(h.at("AT+FSFLSIZE=C:\\User\\a.bin")).as("mode 0 replaces").isEqualTo("\r\n+FSFLSIZE: 3\r\n" + OK);
        assertThat(h.at("AT+FSREAD=C:\\User\\a.bin,1,1,1")).isEqualTo("\r\ny\r\n" + OK);
        assertThat(h.at("AT+FSREAD=C:\\User\\a.bin,1,10,2")).as("clipped to the file").isEqualTo("\r\nz\r\n" + OK);
        assertThat(h.at("AT+FSREAD=C:\\User\\a.bin,1,10,3")).as("at the end: nothing").isEqualTo(OK);
        assertThat(h.at("AT+FSREAD=C:\\User\\a.bin,1,10,4")).isEqualTo(ERROR);
        assertThat(h.at("AT+FSREAD=C:\\User\\a.bin,0,10241,0")).isEqualTo(ERROR);
        assertThat(h.at("AT+FSREAD=C:\\User\\b.bin,0,10,0")).isEqualTo(ERROR);
    }

    @Test
    void dataThatStopsShortTimesOutAndLeavesTheFileAsItWas() {
        h.at("AT+FSCREATE=C:\\User\\t.txt");
        assertThat(h.at("AT+FSWRITE=C:\\User\\t.txt,0,5,2")).isEqualTo("\r\n> ");
        h.send("abc");
        h.clock.advance(1_999);
        assertThat(h.take()).isEmpty();
        h.clock.advance(1);
        assertThat(h.take()).isEqualTo("\r\nTimeOut\r\n");
        assertThat(h.at("AT+FSFLSIZE=C:\\User\\t.txt")).isEqualTo("\r\n+FSFLSIZE: 0\r\n" + OK);
        assertThat(h.at("AT")).as("back in command mode").isEqualTo(OK);
    }

    @Test
    void writeRefusesWhatItCannotDo() {
        assertThat(h.at("AT+FSWRITE=C:\\User\\none.txt,0,5,10")).as("missing file").isEqualTo(ERROR);
        h.at("AT+FSCREATE=C:\\User\\f");
        assertThat(h.at("AT+FSWRITE=C:\\User\\f,2,5,10")).isEqualTo(ERROR);
        assertThat(h.at("AT+FSWRITE=C:\\User\\f,0,0,10")).isEqualTo(ERROR);
        assertThat(h.at("AT+FSWRITE=C:\\User\\f,0,10241,10")).isEqualTo(ERROR);
        assertThat(h.at("AT+FSWRITE=C:\\User\\f,0,5,0")).isEqualTo(ERROR);
        assertThat(h.at("AT+FSWRITE=C:\\User\\f,0,5")).isEqualTo(ERROR);
        assertThat(h.at("AT+FSWRITE=C:\\User\\,0,5,10")).isEqualTo(ERROR);
    }

    @Test
    void aFullDriveRefusesTheWriteBeforeThePrompt() {
        int written = 0;
        for (int i = 0; written + 10_240 <= FlashStore.CAPACITY; i++, written += 10_240) {
            h.at("AT+FSCREATE=C:\\User\\big" + i);
            assertThat(h.at("AT+FSWRITE=C:\\User\\big" + i + ",0,10240,10")).isEqualTo("\r\n> ");
            h.send(new byte[10_240]);
            assertThat(h.take()).isEqualTo(OK);
        }
        int free = FlashStore.CAPACITY - written;
        assertThat(h.at("AT+FSMEM")).isEqualTo("\r\n+FSMEM: C:" + free + "bytes\r\n" + OK);
        h.at("AT+FSCREATE=C:\\User\\last");
        assertThat(h.at("AT+FSWRITE=C:\\User\\last,0," + (free + 1) + ",10")).isEqualTo(ERROR);
        assertThat(h.at("AT+FSWRITE=C:\\User\\last,0," + free + ",10")).isEqualTo("\r\n> ");
        h.send(new byte[free]);
        assertThat(h.take()).isEqualTo(OK);
        assertThat(h.at("AT+FSMEM")).isEqualTo("\r\n+FSMEM: C:0bytes\r\n" + OK);
        assertThat(h.at("AT+FSWRITE=C:\\User\\last,1,1,10")).isEqualTo(ERROR);
        // Replacing a file counts only what it grows by.
        assertThat(h.at("AT+FSWRITE=C:\\User\\big0,0,10240,10")).isEqualTo("\r\n> ");
        h.send(new byte[10_240]);
        assertThat(h.take()).isEqualTo(OK);
        assertThat(h.at("AT+FSDEL=C:\\User\\big0")).isEqualTo(OK);
        assertThat(h.at("AT+FSMEM")).isEqualTo("\r\n+FSMEM: C:10240bytes\r\n" + OK);
    }

    @Test
    void directories() {
        assertThat(h.at("AT+FSMKDIR=C:\\User\\Images\\")).isEqualTo(OK);
        assertThat(h.at("AT+FSMKDIR=C:\\User\\Audio")).isEqualTo(OK);
        assertThat(h.at("AT+FSMKDIR=C:\\User\\audio")).as("exists").isEqualTo(ERROR);
        assertThat(h.at("AT+FSMKDIR=C:\\User\\x\\y")).as("no parent").isEqualTo(ERROR);
        assertThat(h.at("AT+FSCREATE=C:\\User\\Images\\a.jpg")).isEqualTo(OK);
        assertThat(h.at("AT+FSCREATE=C:\\User\\Images\\a.jpg")).as("exists").isEqualTo(ERROR);
        assertThat(h.at("AT+FSCREATE=C:\\User\\Nope\\a.jpg")).isEqualTo(ERROR);
        assertThat(h.at("AT+FSLS=C:\\User\\")).isEqualTo("\r\nImages\\\r\nAudio\\\r\n" + OK);
        assertThat(h.at("AT+FSLS=C:\\User\\Images\\")).isEqualTo("\r\na.jpg\r\n" + OK);
        assertThat(h.at("AT+FSLS=C:\\User\\Images")).as("needs the backslash").isEqualTo(ERROR);
        assertThat(h.at("AT+FSLS=C:\\User\\Nope\\")).isEqualTo(ERROR);
        assertThat(h.at("AT+FSRMDIR=C:\\User\\Images")).as("not empty").isEqualTo(ERROR);
        assertThat(h.at("AT+FSDEL=C:\\User\\Images")).as("FSDEL takes files").isEqualTo(ERROR);
        assertThat(h.at("AT+FSRMDIR=C:\\User\\Images\\a.jpg")).as("FSRMDIR takes directories").isEqualTo(ERROR);
        assertThat(h.at("AT+FSDEL=C:\\User\\Images\\a.jpg")).isEqualTo(OK);
        assertThat(h.at("AT+FSDEL=C:\\User\\Images\\a.jpg")).isEqualTo(ERROR);
        assertThat(h.at("AT+FSRMDIR=C:\\User\\Images\\")).isEqualTo(OK);
        assertThat(h.at("AT+FSRMDIR=C:\\")).isEqualTo(ERROR);
        assertThat(h.at("AT+FSLS=C:\\User\\")).isEqualTo("\r\nAudio\\\r\n" + OK);
    }

    @Test
    void rename() {
        h.at("AT+FSCREATE=C:\\User\\old.txt");
        h.at("AT+FSCREATE=C:\\User\\taken.txt");
        h.at("AT+FSMKDIR=C:\\User\\d");
        assertThat(h.at("AT+FSRENAME=C:\\User\\old.txt,C:\\User\\taken.txt")).isEqualTo(ERROR);
        assertThat(h.at("AT+FSRENAME=C:\\User\\none.txt,C:\\User\\n.txt")).isEqualTo(ERROR);
        assertThat(h.at("AT+FSRENAME=C:\\User\\old.txt,C:\\User\\x\\n.txt")).isEqualTo(ERROR);
        assertThat(h.at("AT+FSRENAME=C:\\User\\old.txt")).isEqualTo(ERROR);
        assertThat(h.at("AT+FSRENAME=C:\\User\\old.txt,C:\\User\\d\\New.txt")).isEqualTo(OK);
        assertThat(h.at("AT+FSLS=C:\\User\\")).isEqualTo("\r\ntaken.txt\r\nd\\\r\n" + OK);
        assertThat(h.at("AT+FSLS=C:\\User\\d\\")).isEqualTo("\r\nNew.txt\r\n" + OK);
    }

    @Test
    void badPathsAreErrors() {
        for (String p : new String[] {"", "User\\a", "D:\\a", "E:\\a", "C:a", "C:\\User\\\\a", "C:\\User\\a*b",
                "C:\\User\\a?", "C:\\User\\..", "C:\\User\\" + "n".repeat(65), "C:\\User\\a/b", "\"C:\\User\\a"}) {
            assertThat(h.at("AT+FSCREATE=" + p)).as(p).isEqualTo(ERROR);
        }
        assertThat(h.at("AT+FSCREATE=C:\\User\\" + "n".repeat(64))).isEqualTo(OK);
        assertThat(h.at("AT+FSCREATE=\"C:\\User\\quoted.txt\"")).as("quotes are taken").isEqualTo(OK);
        assertThat(h.at("AT+FSCREATE=C:\\a.txt")).as("the root takes files").isEqualTo(OK);
        assertThat(h.at("AT+FSCREATE")).isEqualTo(ERROR);
        assertThat(h.at("AT+FSFLSIZE=C:\\User\\")).isEqualTo(ERROR);
        assertThat(h.at("AT+FSFLSIZE=C:\\User\\none")).isEqualTo(ERROR);
    }

    @Test
    void theDriveOutlivesAPowerCycleButNotAWriteInProgress() {
        h.at("AT+FSCREATE=C:\\User\\keep.txt");
        h.at("AT+FSWRITE=C:\\User\\keep.txt,0,2,10");
        h.send("ok");
        h.take();
        h.at("AT+FSWRITE=C:\\User\\keep.txt,1,5,10");
        h.send("ab");
        h.modem.powerOff();
        h.modem.powerOn();
        h.clock.advance(h.modem.config().bootMillis());
        h.take();
        h.clock.advance(10_000);
        assertThat(h.take()).as("the old write's timer is gone").isEmpty();
        h.at("ATE0");
        assertThat(h.at("AT+FSREAD=C:\\User\\keep.txt,0,10,0")).isEqualTo("\r\nok\r\n" + OK);
    }

    @Test
    void verboseOffFramesLikeOtherInformationText() {
        h.at("ATV0");
        assertThat(h.at("AT+FSMEM")).isEqualTo("+FSMEM: C:76288bytes\r\n0\r");
    }
}
