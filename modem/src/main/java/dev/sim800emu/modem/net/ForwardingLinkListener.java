package dev.sim800emu.modem.net;

import java.net.InetSocketAddress;

/**
 * A {@link LinkListener} that passes every event to another, the defaulted ones included (a TLS
 * failure must stay a TLS failure: the host sees CLOSE OK, not CONNECT FAIL). Wrappers override
 * only the events they add to.
 */
public abstract class ForwardingLinkListener implements LinkListener {
    protected final LinkListener inner;

    protected ForwardingLinkListener(LinkListener inner) {
        this.inner = inner;
    }

    @Override
    public void onConnected() {
        inner.onConnected();
    }

    @Override
    public void onConnectFailed(String reason) {
        inner.onConnectFailed(reason);
    }

    @Override
    public void onTlsFailed(boolean alert, String reason) {
        inner.onTlsFailed(alert, reason);
    }

    @Override
    public void onSecured() {
        inner.onSecured();
    }

    @Override
    public void onData(byte[] data, InetSocketAddress from) {
        inner.onData(data, from);
    }

    @Override
    public void onData(Payload data, InetSocketAddress from) {
        inner.onData(data, from);
    }

    @Override
    public void onAcked(long totalAcked) {
        inner.onAcked(totalAcked);
    }

    @Override
    public void onClosed(String reason) {
        inner.onClosed(reason);
    }
}
