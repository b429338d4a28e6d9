package dev.sim800emu.modem.integration;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A host program on the modem's serial endpoint, as a test would write a real driver: it sends
 * command lines over a {@link Socket} and parses the modem's output byte by byte into response
 * items and unsolicited items (URCs). Echo is switched off at connect ({@code ATE0}), so every item
 * the modem prints starts with its own CR LF, except the lines of a multi-line block.
 *
 * <p>A reader thread turns the byte stream into {@link Item}s; it needs no knowledge of the command
 * in progress because every variable-length item carries its length ({@code +RECEIVE,n,len:},
 * {@code +IPD,len:}, {@code +CIPRXGET: 2/3,…,got,left}). The test thread takes the items: URCs that
 * arrive while no response has started are absorbed (received data into {@link #pushed}, notices
 * into {@link #readable}, the rest into an event list); a URC that arrives after a command's first
 * response item and before its final one is a failure, because the modem promises never to put one
 * inside a response. Response items with no command outstanding are failures too (stray output).
 *
 * <p>Every wait is bounded; a timeout fails with the tail of the serial output.
 */
final class HostDriver implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final int LINKS = 6;

    /** Something the modem printed. */
    sealed interface Item permits Line, Prompt, RxRead, Urc, Failure {
    }

    /** A response line (information text or a final result), without its CR LF. */
    record Line(String text) implements Item {
        @Override
        public String toString() {
            return text;
        }
    }

    /** The CIPSEND prompt {@code \r\n> }. */
    record Prompt() implements Item {
        @Override
        public String toString() {
            return "> ";
        }
    }

    /** The answer of AT+CIPRXGET=2 or =3 (data already decoded from hex for mode 3). */
    record RxRead(int mode, int link, int got, int left, byte[] data) implements Item {
        @Override
        public String toString() {
            return "+CIPRXGET: " + mode + "," + link + "," + got + "," + left + " <" + data.length + " bytes>";
        }
    }

    enum UrcKind { RECEIVE, IPD, NOTICE, CLOSED, REMOTE_IP, CONNECT_OK, CONNECT_FAIL, OTHER }

    /** An unsolicited item; {@code link} is -1 where there is none (single mode uses 0). */
    record Urc(UrcKind kind, int link, String text, byte[] data) implements Item {
        @Override
        public String toString() {
            return data == null ? text : text + " <" + data.length + " bytes>";
        }
    }

    /** The reader thread failed: malformed output, or the connection ended. */
    record Failure(Throwable cause) implements Item {
    }

    private static final Pattern RECEIVE = Pattern.compile("\\+RECEIVE,(\\d),(\\d+):");
    private static final Pattern IPD = Pattern.compile("\\+IPD,(\\d+)(,TCP|,UDP)?:");
    private static final Pattern NOTICE = Pattern.compile("\\+CIPRXGET: 1(,(\\d))?");
    private static final Pattern READ = Pattern.compile("\\+CIPRXGET: ([23]),(\\d+),(\\d+)(,(\\d+))?");
    private static final Pattern LINK_URC = Pattern.compile("(?:(\\d), )?(CLOSED|CONNECT OK|CONNECT FAIL|REMOTE IP: .*)");
    private static final List<String> OTHER_URCS = List.of("SERVER OK", "SERVER CLOSE", "+PDP: DEACT", "RDY",
            "+CFUN: 1", "+CPIN: READY", "Call Ready", "SMS Ready");
    private static final Pattern FINAL = Pattern.compile(
            "OK|ERROR|\\+CME ERROR: .*|SHUT OK|(\\d, )?(CLOSE OK|SEND OK|SEND FAIL)|DATA ACCEPT:.*");

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final BlockingQueue<Item> items = new LinkedBlockingQueue<>();
    private final Thread reader;
    private volatile boolean closing;
    /** The last bytes the modem printed, for failure messages (written by the reader only). */
    private final byte[] tail = new byte[1024];
    private volatile long tailCount;

    // ---- state kept by the test thread from URCs
    /** Data pushed by the modem per link (+RECEIVE, or +IPD for link 0 in single mode). */
    final ByteArrayOutputStream[] pushed = new ByteArrayOutputStream[LINKS];
    /** Manual receive: a notice said data is waiting, or the last read left some. */
    final boolean[] readable = new boolean[LINKS];
    final int[] notices = new int[LINKS];
    /** Largest single push delivery seen. */
    int largestPush;
    /** URCs other than data and notices, not yet taken by {@link #awaitUrc}. */
    private final LinkedList<Urc> events = new LinkedList<>();
    /** Every URC other than data, in order. */
    final List<Urc> urcLog = new ArrayList<>();

    private HostDriver(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
        this.out = socket.getOutputStream();
        for (int i = 0; i < LINKS; i++) {
            pushed[i] = new ByteArrayOutputStream();
        }
        reader = new Thread(this::readLoop, "host-driver-reader");
        reader.setDaemon(true);
    }

    /** Connects to a freshly started modem, checks the boot URCs and switches echo off. */
    static HostDriver connect(InetSocketAddress serial) throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(serial, 2000);
        HostDriver d = new HostDriver(s);
        String boot = "\r\nRDY\r\n\r\n+CFUN: 1\r\n\r\n+CPIN: READY\r\n\r\nCall Ready\r\n\r\nSMS Ready\r\n";
        s.setSoTimeout((int) TIMEOUT.toMillis());
        check(new String(d.readRaw(boot.length()), StandardCharsets.ISO_8859_1), boot, "boot URCs");
        d.write("ATE0\r");
        check(new String(d.readRaw(11), StandardCharsets.ISO_8859_1), "ATE0\r\r\nOK\r\n", "ATE0");
        s.setSoTimeout(0);
        d.reader.start();
        return d;
    }

    private static void check(String got, String want, String what) {
        if (!got.equals(want)) {
            throw new AssertionError(what + ": expected " + visible(want) + " but got " + visible(got));
        }
    }

    private byte[] readRaw(int n) throws IOException {
        byte[] b = new byte[n];
        int got = 0;
        try {
            while (got < n) {
                int r = in.read(b, got, n - got);
                if (r < 0) {
                    break;
                }
                got += r;
            }
        } catch (SocketTimeoutException e) {
            // return what arrived; the caller's comparison reports it
        }
        return Arrays.copyOf(b, got);
    }

    // ------------------------------------------------------------------ writing

    void write(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new AssertionError("serial write failed", e);
        }
    }

    void write(String ascii) {
        write(ascii.getBytes(StandardCharsets.ISO_8859_1));
    }

    // ------------------------------------------------------------------ commands

    /** Runs a command line (CR appended) and returns its response items as text; ends at OK, ERROR … */
    List<String> cmd(String line) {
        return texts(exchange(line, HostDriver::isFinal, TIMEOUT));
    }

    /** Runs a command line whose response ends with the first line matching {@code last}. */
    List<String> cmd(String line, Predicate<String> last) {
        return texts(exchange(line, it -> it instanceof Line l && last.test(l.text()), TIMEOUT));
    }

    /** Multi-mode AT+CIPSTATUS: OK, STATE, optional S: line and the six C: lines. */
    List<String> status() {
        return cmd("AT+CIPSTATUS", t -> t.startsWith("C: 5,") || t.equals("ERROR"));
    }

    /** AT+CIPRXGET=2/3 on a link ({@code link} -1 in single mode); expects the data, then OK. */
    RxRead rxget(int mode, int link, int max) {
        String line = "AT+CIPRXGET=" + mode + "," + (link >= 0 ? link + "," : "") + max;
        List<Item> r = exchange(line, HostDriver::isFinal, TIMEOUT);
        if (r.size() != 2 || !(r.get(0) instanceof RxRead read) || !(r.get(1) instanceof Line ok)
                || !ok.text().equals("OK")) {
            throw new AssertionError(line + " answered " + r + tailText());
        }
        int id = Math.max(link, 0);
        if (read.link() != id || read.mode() != mode || read.got() > max || read.data().length != read.got()) {
            throw new AssertionError(line + " answered " + read + tailText());
        }
        readable[id] = read.left() > 0;
        return read;
    }

    /**
     * Starts a CIPSEND: sends the line and waits for the prompt. If the modem answers something else
     * (ERROR), the returned send is already finished with that answer.
     */
    Send begin(String line) {
        return beginRaw(line + "\r", line);
    }

    /** Same as {@link #begin}, with the exact bytes of the command line (terminator included). */
    Send beginRaw(String bytes, String what) {
        write(bytes);
        List<Item> r = collect(it -> it instanceof Prompt || isFinal(it), TIMEOUT, false, what, true);
        return new Send(what, r);
    }

    /** A fixed-length or Ctrl-Z send in one go; returns the final line (SEND OK, DATA ACCEPT …). */
    String send(String line, byte[] payload) {
        Send s = begin(line);
        if (!s.prompted()) {
            throw new AssertionError(line + " answered " + s.response + " instead of the prompt" + tailText());
        }
        s.payload(payload);
        return s.await(TIMEOUT);
    }

    /** One CIPSEND between its prompt and its final line. */
    final class Send {
        final String line;
        final List<Item> response;

        Send(String line, List<Item> response) {
            this.line = line;
            this.response = new ArrayList<>(response);
        }

        boolean prompted() {
            return response.size() == 1 && response.get(0) instanceof Prompt;
        }

        void payload(byte[] data) {
            write(data);
        }

        /** The final line, waiting up to {@code timeout}; URCs before it are failures. */
        String await(Duration timeout) {
            String f = poll(timeout);
            if (f == null) {
                throw new AssertionError("no final result for " + line + " within " + timeout + tailText());
            }
            return f;
        }

        /** The final line, or null if none came within {@code wait}. */
        String poll(Duration wait) {
            List<Item> more = collect(HostDriver::isFinal, wait, true, line, false);
            if (more == null) {
                return null;
            }
            response.addAll(more);
            if (more.size() != 1) {
                throw new AssertionError(line + ": unexpected response " + response + tailText());
            }
            return more.get(0).toString();
        }
    }

    /** Sends {@code line} and collects its response up to the item {@code isFinal} accepts. */
    List<Item> exchange(String line, Predicate<Item> isFinal, Duration timeout) {
        write(line + "\r");
        return collect(isFinal, timeout, false, line, true);
    }

    /**
     * Takes items until {@code isFinal} accepts one. URCs before the first response item are
     * absorbed; after it they are a failure. On timeout: failure, or null if {@code failOnTimeout}
     * is false.
     */
    private List<Item> collect(Predicate<Item> isFinal, Duration timeout, boolean started, String what,
                               boolean failOnTimeout) {
        List<Item> got = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Item it = poll(deadline);
            if (it == null) {
                if (!failOnTimeout && got.isEmpty()) {
                    return null;
                }
                throw new AssertionError("incomplete response to " + what + " after " + timeout + ": " + got
                        + tailText());
            }
            if (it instanceof Urc u) {
                if (started) {
                    throw new AssertionError("URC " + visible(u.toString()) + " inside the response to " + what
                            + " (response so far " + got + ")" + tailText());
                }
                absorb(u);
                continue;
            }
            started = true;
            got.add(it);
            if (isFinal.test(it)) {
                return got;
            }
        }
    }

    static boolean isFinal(Item it) {
        return it instanceof Line l && FINAL.matcher(l.text()).matches();
    }

    private static List<String> texts(List<Item> items) {
        List<String> r = new ArrayList<>();
        for (Item it : items) {
            r.add(it.toString());
        }
        return r;
    }

    // ------------------------------------------------------------------ URCs between commands

    /** Waits up to {@code wait} for one item; absorbs URCs, fails on stray responses. */
    boolean pollOnce(Duration wait) {
        Item it = poll(System.nanoTime() + wait.toNanos());
        if (it == null) {
            return false;
        }
        absorbOrFail(it);
        return true;
    }

    /** Absorbs URCs for {@code time} (the whole time); stray response output fails. */
    void pump(Duration time) {
        long deadline = System.nanoTime() + time.toNanos();
        Item it;
        while ((it = poll(deadline)) != null) {
            absorbOrFail(it);
        }
    }

    /** Nothing at all may arrive within {@code time}. */
    void expectSilence(Duration time, String after) {
        Item it = poll(System.nanoTime() + time.toNanos());
        if (it != null) {
            throw new AssertionError("stray output after " + after + ": " + visible(it.toString()) + tailText());
        }
    }

    /** Waits for a URC of {@code kind} on {@code link} (-1: any) and removes it from the event list. */
    Urc awaitUrc(UrcKind kind, int link, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Iterator<Urc> i = events.iterator(); i.hasNext(); ) {
                Urc u = i.next();
                if (u.kind() == kind && (link < 0 || u.link() == link)) {
                    i.remove();
                    return u;
                }
            }
            Item it = poll(deadline);
            if (it == null) {
                throw new AssertionError("no " + kind + " for link " + link + " within " + timeout
                        + "; pending URCs " + events + tailText());
            }
            absorbOrFail(it);
        }
    }

    /** Takes a URC of {@code kind} on {@code link} already received, or returns null; does not wait. */
    Urc findUrc(UrcKind kind, int link) {
        for (Iterator<Urc> i = events.iterator(); i.hasNext(); ) {
            Urc u = i.next();
            if (u.kind() == kind && (link < 0 || u.link() == link)) {
                i.remove();
                return u;
            }
        }
        return null;
    }

    /** URCs not yet taken by {@link #awaitUrc}, removed from the list. */
    List<Urc> takeEvents() {
        List<Urc> r = new ArrayList<>(events);
        events.clear();
        return r;
    }

    private void absorbOrFail(Item it) {
        if (it instanceof Urc u) {
            absorb(u);
        } else {
            throw new AssertionError("stray output with no command outstanding: " + visible(it.toString())
                    + tailText());
        }
    }

    private void absorb(Urc u) {
        switch (u.kind()) {
            case RECEIVE, IPD -> {
                pushed[u.link()].writeBytes(u.data());
                largestPush = Math.max(largestPush, u.data().length);
            }
            case NOTICE -> {
                readable[u.link()] = true;
                notices[u.link()]++;
            }
            default -> {
                events.add(u);
                urcLog.add(u);
            }
        }
    }

    private Item poll(long deadlineNanos) {
        Item it;
        try {
            it = items.poll(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        if (it instanceof Failure f) {
            items.add(f); // every later wait fails the same way
            throw new AssertionError("serial output unreadable: " + f.cause() + tailText(), f.cause());
        }
        return it;
    }

    // ------------------------------------------------------------------ parsing (reader thread)

    private void readLoop() {
        try {
            while (true) {
                items.add(nextItem());
            }
        } catch (Throwable t) {
            if (!closing) {
                items.add(new Failure(t));
            }
        }
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("serial connection closed by the modem");
        }
        tail[(int) (tailCount % tail.length)] = (byte) b;
        tailCount++;
        return b;
    }

    private byte[] readN(int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new EOFException("serial connection closed by the modem inside a data block");
        }
        int skip = Math.max(0, n - tail.length);
        long pos = tailCount + skip;
        for (int i = skip; i < n; i++, pos++) {
            tail[(int) (pos % tail.length)] = b[i];
        }
        tailCount = pos;
        return b;
    }

    private Item nextItem() throws IOException {
        StringBuilder acc = new StringBuilder();
        while (true) {
            int b = readByte();
            acc.append((char) b);
            int n = acc.length();
            if (n >= 2 && acc.charAt(n - 2) == '\r' && b == '\n') {
                if (n == 2) {
                    acc.setLength(0); // the CR LF that opens an item
                    continue;
                }
                return classify(acc.substring(0, n - 2));
            }
            if (n == 2 && acc.charAt(0) == '>' && b == ' ') {
                return new Prompt();
            }
            if (b == ':' && acc.charAt(0) == '+') {
                Matcher m = IPD.matcher(acc);
                if (m.matches()) {
                    int len = Integer.parseInt(m.group(1));
                    return new Urc(UrcKind.IPD, 0, acc.toString(), readN(len));
                }
            }
            if (n > 4096) {
                throw new IOException("runaway line: " + visible(acc.substring(0, 80)));
            }
        }
    }

    private Item classify(String line) throws IOException {
        Matcher m = RECEIVE.matcher(line);
        if (m.matches()) {
            int len = Integer.parseInt(m.group(2));
            return new Urc(UrcKind.RECEIVE, Integer.parseInt(m.group(1)), line, readN(len));
        }
        m = NOTICE.matcher(line);
        if (m.matches()) {
            return new Urc(UrcKind.NOTICE, m.group(2) == null ? 0 : Integer.parseInt(m.group(2)), line, null);
        }
        m = READ.matcher(line);
        if (m.matches()) {
            int mode = Integer.parseInt(m.group(1));
            boolean multi = m.group(5) != null;
            int link = multi ? Integer.parseInt(m.group(2)) : 0;
            int got = Integer.parseInt(multi ? m.group(3) : m.group(2));
            int left = Integer.parseInt(multi ? m.group(5) : m.group(3));
            byte[] data = mode == 2 ? readN(got) : unhex(readN(2 * got));
            return new RxRead(mode, link, got, left, data);
        }
        m = LINK_URC.matcher(line);
        if (m.matches()) {
            int link = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
            String what = m.group(2);
            UrcKind kind = what.equals("CLOSED") ? UrcKind.CLOSED
                    : what.equals("CONNECT OK") ? UrcKind.CONNECT_OK
                    : what.equals("CONNECT FAIL") ? UrcKind.CONNECT_FAIL
                    : UrcKind.REMOTE_IP;
            return new Urc(kind, link, line, null);
        }
        if (OTHER_URCS.contains(line)) {
            return new Urc(UrcKind.OTHER, -1, line, null);
        }
        return new Line(line);
    }

    private static byte[] unhex(byte[] hex) throws IOException {
        byte[] r = new byte[hex.length / 2];
        for (int i = 0; i < r.length; i++) {
            r[i] = (byte) (digit(hex[2 * i]) << 4 | digit(hex[2 * i + 1]));
        }
        return r;
    }

    private static int digit(byte c) throws IOException {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        throw new IOException("not an upper-case hex digit: " + (c & 0xFF));
    }

    // ------------------------------------------------------------------ diagnostics and close

    /** The last bytes the modem printed, escaped. */
    String tailText() {
        long count = tailCount;
        int n = (int) Math.min(count, tail.length);
        StringBuilder sb = new StringBuilder();
        for (long i = count - n; i < count; i++) {
            sb.append((char) (tail[(int) (i % tail.length)] & 0xFF));
        }
        return "\n  last serial output: " + visible(sb.toString());
    }

    static String visible(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c < 0x20 || c >= 0x7F) {
                HexFormat hex = HexFormat.of().withUpperCase();
                sb.append("\\x").append(c <= 0xFF ? hex.toHexDigits((byte) c) : hex.toHexDigits(c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    @Override
    public void close() throws Exception {
        closing = true;
        socket.close();
        reader.join(2000);
    }
}
