package dev.sim800emu.modem.apps.http;

import dev.sim800emu.modem.at.CommandContext;
import dev.sim800emu.modem.at.PayloadSink;
import dev.sim800emu.modem.at.Result;

/**
 * The HTTP application of one modem (manual chapter 11): not initialised → HTTPINIT → idle ⇄ an
 * action running → HTTPTERM. Holds the parameters, the request body HTTPDATA filled, and the last
 * response (its lower-cased header block and body) for HTTPREAD and HTTPHEAD.
 */
public final class HttpService {
    private final HttpHost host;
    private boolean initialised;
    private HttpSettings params = new HttpSettings();
    /** What AT+HTTPSCONT saved; HTTPINIT starts from it. */
    private HttpSettings saved = new HttpSettings();
    private boolean unsaved;
    private boolean ssl;
    private byte[] requestBody = new byte[0];
    /** What HTTPREAD returns: the last response body, or the body HTTPDATA stored after it. */
    private byte[] readable;
    private byte[] head;
    private int lastMethod;
    private HttpAction running;

    public HttpService(HttpHost host) {
        this.host = host;
    }

    /** Power loss or reset: the service is gone; a saved context stays. */
    public void reset() {
        if (running != null) {
            running.cancel();
        }
        running = null;
        initialised = false;
        clear();
    }

    private void clear() {
        params = saved.copy();
        unsaved = false;
        ssl = false;
        requestBody = new byte[0];
        readable = null;
        head = null;
        lastMethod = 0;
    }

    boolean sslFirmware() {
        return host.sslFirmware();
    }

    boolean initialised() {
        return initialised;
    }

    Result init() {
        if (initialised) {
            return Result.notAllowed();
        }
        clear();
        initialised = true;
        return Result.OK;
    }

    Result term() {
        if (!initialised) {
            return Result.ERROR;
        }
        reset();
        return Result.OK;
    }

    HttpSettings params() {
        return params;
    }

    void set(HttpParam p, String value) {
        params.set(p, value);
        unsaved = true;
    }

    boolean ssl() {
        return ssl;
    }

    void ssl(boolean on) {
        ssl = on;
    }

    /** HTTPSCONT exec: the running parameters become the ones HTTPINIT starts from. */
    void save() {
        saved = params.copy();
        unsaved = false;
    }

    boolean unsaved() {
        return unsaved;
    }

    /** HTTPDATA: DOWNLOAD, then exactly {@code size} bytes or whatever came within {@code millis}. */
    Result download(CommandContext ctx, int size, int millis) {
        if (size == 0) {
            requestBody = new byte[0];
            return Result.OK;
        }
        dev.sim800emu.modem.time.ModemClock.Timer[] limit = new dev.sim800emu.modem.time.ModemClock.Timer[1];
        host.beginPayload(PayloadSink.fixed(size, data -> {
            limit[0].cancel();
            requestBody = data;
            readable = data;
            ctx.complete(Result.OK);
        }));
        ctx.out().info("DOWNLOAD");
        // The time limit keeps what arrived (sim800-apps.md §2.5, unconfirmed).
        limit[0] = host.clock().schedule(millis, host::flushPayload);
        return Result.PENDING;
    }

    /** HTTPACTION: OK now, +HTTPACTION later; 604 while one runs, 601 without the bearer. */
    Result action(int method) {
        if (params.get(HttpParam.URL).isEmpty()) {
            return Result.ERROR;
        }
        if (running != null) {
            host.urc(w -> w.text("+HTTPACTION: " + method + "," + HttpStatus.STACK_BUSY + ",0"));
            return Result.OK;
        }
        lastMethod = method;
        readable = null;
        head = null;
        if (!host.bearerOpen(params.number(HttpParam.CID))) {
            host.urc(w -> w.text("+HTTPACTION: " + method + "," + HttpStatus.NETWORK_ERROR + ",0"));
            return Result.OK;
        }
        running = new HttpAction(host, method, ssl, params.copy(), requestBody, this::finished);
        running.begin();
        return Result.OK;
    }

    private void finished(HttpAction action, int status, HttpResponse response) {
        if (running != action) {
            return;
        }
        running = null;
        int length = 0;
        if (response != null) {
            head = response.head();
            readable = response.body();
            length = action.method() == 2 ? 0 : readable.length;
        }
        String line = "+HTTPACTION: " + action.method() + "," + status + "," + length;
        host.urc(w -> w.text(line));
    }

    /** HTTPREAD's data, or null: nothing read yet, an action running, or it failed. */
    byte[] readable() {
        return running != null ? null : readable;
    }

    byte[] head() {
        return running != null ? null : head;
    }

    /** HTTPSTATUS: method name, 0 idle / 1 receiving / 2 sending, bytes done, bytes left. */
    String status() {
        HttpAction a = running;
        String name = HttpRequest.METHODS[a != null ? a.method() : lastMethod];
        return a == null ? name + ",0,0,0" : name + "," + a.phase() + "," + a.done() + "," + a.remaining();
    }
}
