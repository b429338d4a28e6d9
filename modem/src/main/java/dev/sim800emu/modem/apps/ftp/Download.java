package dev.sim800emu.modem.apps.ftp;

/**
 * The bytes of a GET or LIST that the host has not fetched yet, and whether it has been told of
 * them: {@code +FTPGET: 1,1} goes out when data waits and no notice is outstanding; a read that
 * finds nothing clears the notice, so the next data is announced again (application note §3.9).
 */
final class Download {
    private byte[] buf = new byte[4096];
    private int head;
    private int tail;
    /** A notice is out and the host has not yet found the buffer empty. */
    boolean announced;
    /** The first notice went out: reads are allowed from then on. */
    boolean readable;
    /** The server finished: the session ends when the buffer is empty. */
    boolean complete;

    int size() {
        return tail - head;
    }

    void add(byte[] data) {
        if (tail + data.length > buf.length) {
            int n = size();
            byte[] next = n + data.length > buf.length ? new byte[Math.max(buf.length * 2, n + data.length)] : buf;
            System.arraycopy(buf, head, next, 0, n);
            buf = next;
            head = 0;
            tail = n;
        }
        System.arraycopy(data, 0, buf, tail, data.length);
        tail += data.length;
    }

    /** Up to {@code max} bytes from the front. */
    byte[] take(int max) {
        int n = Math.min(max, size());
        byte[] out = new byte[n];
        System.arraycopy(buf, head, out, 0, n);
        head += n;
        if (head == tail) {
            head = 0;
            tail = 0;
        }
        return out;
    }
}
