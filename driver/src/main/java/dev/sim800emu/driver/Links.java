package dev.sim800emu.driver;

import dev.sim800emu.driver.chat.AtChannel;
import dev.sim800emu.driver.chat.Match;
import dev.sim800emu.driver.chat.UrcHandler;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The six link ids of CIPMUX=1 and the URCs that concern them. An id stays taken from the moment a
 * link is opened (or accepted) until its owner closes it, even after the peer closed it, so that its
 * unread data is never mixed with a new link's.
 */
final class Links {
    static final int COUNT = 6;
    private static final Pattern CLOSED = Pattern.compile("(\\d), CLOSED");
    private static final Pattern NOTICE = Pattern.compile("\\+CIPRXGET: 1,(\\d)(,.*)?");
    private static final Pattern REMOTE = Pattern.compile("(\\d), REMOTE IP: (.*)");
    private static final Pattern RECEIVE = Pattern.compile("\\+RECEIVE,(\\d),(\\d+)(,.*)?:");

    private final AtChannel at;
    private final Link[] table = new Link[COUNT];
    /** Clients the modem's server accepted, waiting for {@link ModemServerSocket#accept}. */
    final BlockingQueue<Link> accepted = new LinkedBlockingQueue<>();

    Links(AtChannel at) {
        this.at = at;
        at.addUrcHandler(UrcHandler.of(Match.regex(CLOSED.pattern()), l -> withLink(CLOSED, l, Link::remoteClosed)));
        at.addUrcHandler(UrcHandler.of(Match.regex(NOTICE.pattern()), l -> withLink(NOTICE, l, Link::dataNotice)));
        at.addUrcHandler(UrcHandler.of(Match.regex(REMOTE.pattern()), this::remoteClient));
        at.addUrcHandler(UrcHandler.of(Match.exact("+PDP: DEACT"),
                l -> failAll(new PdpDeactivatedException("+PDP: DEACT: the network dropped the GPRS context"))));
        at.addUrcHandler(new UrcHandler() {
            @Override
            public boolean matches(String line) {
                return RECEIVE.matcher(line).matches();
            }

            @Override
            public int rawLength(String line) {
                Matcher m = RECEIVE.matcher(line);
                return m.matches() ? Integer.parseInt(m.group(2)) : 0;
            }

            @Override
            public void handle(String line, byte[] raw) {
                Link l = get(Integer.parseInt(line.substring("+RECEIVE,".length(), "+RECEIVE,".length() + 1)));
                if (l != null && raw != null) {
                    l.pushed(raw);
                }
            }
        });
        at.onClosed(() -> failAll(new ModemException("the modem's line closed")));
    }

    /** Takes the lowest free id for a new link. */
    synchronized Link open() throws ModemException {
        for (int i = 0; i < COUNT; i++) {
            if (table[i] == null) {
                return table[i] = newLink(i);
            }
        }
        throw new ModemException("all " + COUNT + " links are in use");
    }

    private Link newLink(int id) {
        return new Link(id, at, () -> free(id));
    }

    private synchronized void free(int id) {
        table[id] = null;
    }

    synchronized Link get(int id) {
        return id >= 0 && id < COUNT ? table[id] : null;
    }

    /** {@code n, REMOTE IP: ip}: the modem's server took a client on link n. */
    private void remoteClient(String line) {
        Matcher m = REMOTE.matcher(line);
        if (!m.matches()) {
            return;
        }
        int id = Integer.parseInt(m.group(1));
        Link l;
        synchronized (this) {
            l = table[id] = newLink(id);
        }
        accepted.add(l);
    }

    private void withLink(Pattern p, String line, java.util.function.Consumer<Link> action) {
        Matcher m = p.matcher(line);
        if (m.matches()) {
            Link l = get(Integer.parseInt(m.group(1)));
            if (l != null) {
                action.accept(l);
            }
        }
    }

    /** Every open link fails with {@code e} (and later ones start clean). */
    void failAll(ModemException e) {
        Link[] now;
        synchronized (this) {
            now = table.clone();
        }
        for (Link l : now) {
            if (l != null) {
                l.failed(e);
            }
        }
    }
}
