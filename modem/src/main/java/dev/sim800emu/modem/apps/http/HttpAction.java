package dev.sim800emu.modem.apps.http;

import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.net.LinkListener;
import dev.sim800emu.modem.net.LinkRequest;
import dev.sim800emu.modem.net.NetLink;
import dev.sim800emu.modem.net.Protocol;
import dev.sim800emu.modem.net.ResolveCallback;
import dev.sim800emu.modem.time.ModemClock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * One HTTPACTION on the network: name lookup, a TCP (or TLS) link through the {@link
 * dev.sim800emu.modem.net.Network} port, the request, the response; redirects when REDIR=1. It ends
 * exactly once, with the server's status or one of the chip's own codes ({@link HttpStatus}).
 */
final class HttpAction implements LinkListener {
    /** The outcome: a status code, and the response when the server gave one. */
    interface Outcome {
        void finished(HttpAction action, int status, HttpResponse response);
    }

    private static final int MAX_REDIRECTS = 5;

    private final HttpHost host;
    private final int method;
    private final boolean ssl;
    private final HttpSettings params;
    private final byte[] body;
    private final Outcome outcome;
    private ModemClock.Timer deadline;
    private NetLink link;
    private HttpResponse response;
    private int redirects;
    private boolean over;
    private boolean sending;
    private long requestLength;

    HttpAction(HttpHost host, int method, boolean ssl, HttpSettings params, byte[] body, Outcome outcome) {
        this.host = host;
        this.method = method;
        this.ssl = ssl;
        this.params = params;
        this.body = body;
        this.outcome = outcome;
    }

    int method() {
        return method;
    }

    /** HTTPSTATUS's status: 2 while the request goes out, 1 while the answer comes in. */
    int phase() {
        return sending ? 2 : 1;
    }

    long done() {
        return sending ? 0 : response == null ? 0 : response.bodyLength();
    }

    long remaining() {
        if (sending) {
            return requestLength;
        }
        return response == null || response.expected() < 0 ? 0 : Math.max(0, response.expected() - response.bodyLength());
    }

    void begin() {
        deadline = host.clock().schedule(params.number(HttpParam.TIMEOUT) * 1000L, () -> fail(HttpStatus.NETWORK_ERROR));
        go(HttpUrl.parse(params.get(HttpParam.URL), ssl));
    }

    private void go(HttpUrl url) {
        // An https URL without HTTPSSL=1: the chip answers 603 (sim800-apps.md §2.6).
        if (url == null || (url.https() && !ssl)) {
            fail(HttpStatus.DNS_ERROR);
            return;
        }
        boolean proxy = !params.get(HttpParam.PROIP).equals("0.0.0.0") && params.number(HttpParam.PROPORT) > 0;
        String name = proxy ? params.get(HttpParam.PROIP) : url.host();
        int port = proxy ? params.number(HttpParam.PROPORT) : url.port();
        byte[] request = HttpRequest.encode(method, url, ssl, params, body, proxy);
        byte[] literal = ModemConfig.parseIpv4(name);
        if (literal != null) {
            connect(address(literal), port, url, request);
            return;
        }
        host.network().resolve(name, new ResolveCallback() {
            @Override
            public void onResolved(List<InetAddress> addresses) {
                if (!over) {
                    connect(addresses.get(0), port, url, request);
                }
            }

            @Override
            public void onFailed(boolean notFound) {
                fail(HttpStatus.DNS_ERROR);
            }
        });
    }

    private HttpUrl url;
    private byte[] request;

    private void connect(InetAddress address, int port, HttpUrl target, byte[] bytes) {
        this.url = target;
        this.request = bytes;
        this.response = new HttpResponse(method == 2);
        this.sending = true;
        this.requestLength = bytes.length;
        boolean named = ModemConfig.parseIpv4(target.host()) == null;
        LinkRequest.Tls tls = ssl ? new LinkRequest.Tls(named ? target.host() : null, host.trustedCertificate()) : null;
        link = host.network().open(new LinkRequest(Protocol.TCP, address, port, 0,
                host.connectTimeoutMillis(), null, tls), this);
    }

    /** Stops the action without an outcome (HTTPTERM, a reboot). */
    void cancel() {
        if (!over) {
            over = true;
            end();
        }
    }

    @Override
    public void onConnected() {
        if (!over) {
            link.send(request);
        }
    }

    @Override
    public void onConnectFailed(String reason) {
        fail(HttpStatus.NETWORK_ERROR);
    }

    @Override
    public void onTlsFailed(boolean alert, String reason) {
        fail(alert ? HttpStatus.SSL_ALERT : HttpStatus.SSL_FAILED);
    }

    @Override
    public void onData(byte[] data, InetSocketAddress from) {
        if (!over) {
            sending = false;
            react(response.feed(data));
        }
    }

    @Override
    public void onAcked(long totalAcked) {
        if (totalAcked >= requestLength) {
            sending = false;
        }
    }

    @Override
    public void onClosed(String reason) {
        if (!over) {
            HttpResponse.Progress p = response.closed();
            react(p == HttpResponse.Progress.MALFORMED ? null : p);
        }
    }

    private void react(HttpResponse.Progress p) {
        if (p == null) {
            fail(response.status() == 0 ? HttpStatus.NETWORK_ERROR : HttpStatus.NOT_HTTP_PDU);
            return;
        }
        switch (p) {
            case MALFORMED -> fail(HttpStatus.NOT_HTTP_PDU);
            case TOO_LARGE -> fail(HttpStatus.NO_MEMORY);
            case COMPLETE -> complete();
            case MORE -> { }
        }
    }

    private void complete() {
        int status = response.status();
        boolean redirect = status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
        if (redirect && params.number(HttpParam.REDIR) == 1 && response.location() != null && redirects < MAX_REDIRECTS) {
            redirects++;
            link.close(false);
            link = null;
            go(url.follow(response.location(), ssl));
            return;
        }
        over = true;
        end();
        outcome.finished(this, status, response);
    }

    private void fail(int code) {
        if (!over) {
            over = true;
            end();
            outcome.finished(this, code, null);
        }
    }

    private void end() {
        if (deadline != null) {
            deadline.cancel();
        }
        if (link != null) {
            link.close(true);
            link = null;
        }
    }

    private static InetAddress address(byte[] literal) {
        try {
            return InetAddress.getByAddress(literal);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
