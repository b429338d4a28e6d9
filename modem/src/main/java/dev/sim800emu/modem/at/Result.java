package dev.sim800emu.modem.at;

/**
 * What a command handler answers. Handlers never print their own OK or ERROR: one place
 * ({@link LineExecutor}) turns results into bytes, honouring ATV, ATQ and CMEE.
 */
public sealed interface Result {

    /** Success; the line goes on, and OK is printed at its end. */
    Result OK = new Ok();
    /** A plain ERROR whatever CMEE says (syntax and range errors). */
    Result ERROR = new Error(-1);
    /** The handler already printed its own final text (CIFSR's address, SHUT OK …); the line goes on. */
    Result DONE = new Done();
    /** The outcome comes later through {@link CommandContext#complete(Result)}; input waits meanwhile. */
    Result PENDING = new Pending();

    /** State-gating refusal: ERROR with CMEE=0, "+CME ERROR: 3" / "operation not allowed" otherwise. */
    static Result notAllowed() {
        return cme(CmeError.OPERATION_NOT_ALLOWED);
    }

    /** ERROR with CMEE=0, "+CME ERROR: code" otherwise. */
    static Result cme(int code) {
        return new Error(code);
    }

    /**
     * An SMS command's failure: ERROR with CMEE=0, "+CMS ERROR: code" or its text otherwise
     * (27.005 §3.2.5; a SIM808 printed plain ERROR and +CMS ERROR: 325 for the same CMGS).
     */
    static Result cms(int code) {
        return new CmsFailure(code);
    }

    /** A non-standard final response line such as {@code SHUT OK} or {@code CLOSE OK}. */
    static Result text(String finalText) {
        return new Text(finalText);
    }

    record Ok() implements Result {
    }

    /** {@code cmeCode} below zero means plain ERROR regardless of CMEE. */
    record Error(int cmeCode) implements Result {
    }

    record CmsFailure(int code) implements Result {
    }

    record Done() implements Result {
    }

    record Pending() implements Result {
    }

    record Text(String text) implements Result {
    }
}
