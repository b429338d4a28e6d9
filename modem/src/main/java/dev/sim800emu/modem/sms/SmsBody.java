package dev.sim800emu.modem.sms;

import dev.sim800emu.modem.at.CmsError;
import dev.sim800emu.modem.at.CommandContext;
import dev.sim800emu.modem.at.PayloadSink;
import dev.sim800emu.modem.at.Result;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * The text or PDU typed after the {@code > } prompt of AT+CMGS or AT+CMGW: Ctrl-Z ends it, ESC
 * cancels it with OK (reference §2.8). In text mode each CR answers a new {@code \r\n> } prompt
 * and becomes a line break of the message (reference's suggestion; 27.005 allows it); an LF right
 * after it belongs to the same break.
 */
final class SmsBody implements PayloadSink {
    /** Most characters a body may have: 1024 GSM characters (manual), as UCS2 hex. */
    static final int MAX = 4096;
    private static final byte[] PROMPT = "\r\n> ".getBytes(StandardCharsets.US_ASCII);

    private final CommandContext ctx;
    private final boolean textMode;
    /** What to do with the finished body (as typed, line breaks normalised): the command's result. */
    private final Function<String, Result> done;

    SmsBody(CommandContext ctx, boolean textMode, Function<String, Result> done) {
        this.ctx = ctx;
        this.textMode = textMode;
        this.done = done;
    }

    @Override
    public int fixedLength() {
        return -1;
    }

    @Override
    public int maxLength() {
        return MAX;
    }

    @Override
    public byte[] afterByte(int b) {
        return textMode && b == '\r' ? PROMPT : null;
    }

    @Override
    public void onPayload(byte[] data) {
        String typed = new String(data, StandardCharsets.ISO_8859_1).replace("\r\n", "\n").replace('\r', '\n');
        Result r;
        try {
            r = done.apply(typed);
        } catch (RuntimeException e) {
            r = Result.cms(textMode ? CmsError.INVALID_TEXT_MODE : CmsError.INVALID_PDU_MODE);
        }
        ctx.complete(r);
    }

    @Override
    public void onCancel() {
        ctx.complete(Result.OK);
    }

    @Override
    public void onOverflow() {
        ctx.complete(Result.cms(CmsError.INVALID_INPUT_VALUE));
    }
}
