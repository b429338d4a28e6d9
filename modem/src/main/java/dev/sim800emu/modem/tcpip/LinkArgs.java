package dev.sim800emu.modem.tcpip;

import dev.sim800emu.modem.at.Args;

/**
 * The parameters of a command that names a link in multi mode only (reference §10, pitfall 4):
 * {@code AT+CIPSTART="TCP",…} in single mode is {@code AT+CIPSTART=<n>,"TCP",…} in multi mode.
 * Indexes given here skip the id, so a handler reads the same index in both modes.
 */
final class LinkArgs {
    private final Args a;
    private final boolean multi;
    /** Where the id stands among the parameters (0 for most commands, 1 for CIPRXGET). */
    private final int idAt;

    private LinkArgs(Args a, boolean multi, int idAt) {
        this.a = a;
        this.multi = multi;
        this.idAt = idAt;
    }

    /** The id, if any, is the first parameter. */
    static LinkArgs of(TcpIpStack ip, Args a) {
        return new LinkArgs(a, ip.multi(), 0);
    }

    /** The id, if any, follows {@code idAt} other parameters. */
    static LinkArgs at(TcpIpStack ip, Args a, int idAt) {
        return new LinkArgs(a, ip.multi(), idAt);
    }

    private int index(int i) {
        return multi && i >= idAt ? i + 1 : i;
    }

    /** Checks how many parameters there are, not counting the id. */
    LinkArgs expect(int min, int max) {
        int id = multi ? 1 : 0;
        a.expectCount(min + id, max + id);
        return this;
    }

    /** The link addressed: the id parameter (0–5) in multi mode, link 0 in single mode. */
    int id() {
        return multi ? a.integer(idAt, 0, TcpIpStack.LINKS - 1) : 0;
    }

    boolean has(int i) {
        return a.has(index(i));
    }

    String text(int i) {
        return a.param(index(i)).text();
    }

    int integer(int i, int min, int max) {
        return a.integer(index(i), min, max);
    }

    int integer(int i, int min, int max, int defaultValue) {
        return a.integer(index(i), min, max, defaultValue);
    }

    String string(int i, int maxLength) {
        return a.string(index(i), maxLength);
    }
}
