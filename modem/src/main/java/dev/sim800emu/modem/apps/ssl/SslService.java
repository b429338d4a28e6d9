package dev.sim800emu.modem.apps.ssl;

import dev.sim800emu.modem.at.Result;
import dev.sim800emu.modem.fs.FlashStore;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;

/**
 * The SSL options of one modem (SSL application note §2.5, §2.6): the CA certificate the host
 * imported from the file system, and AT+SSLOPT's two switches. Links verify their server only when
 * a certificate was imported and option 0 ("ignore an invalid certificate") is off — without one
 * the chip connects to anything, as HTTPS to ordinary servers without an import shows.
 */
public final class SslService {
    static final int IMPORTED = 0;
    static final int FAILED = 1;

    private final SslHost host;
    private final FlashStore store;
    /** The imported certificate as the file held it (PEM or DER), or null. */
    private byte[] certificate;
    /** SSLOPT 0: ignore an invalid certificate. */
    boolean ignoreInvalid;
    /** SSLOPT 1: client authentication; kept and shown, not implemented (as on the chip, note §2.6). */
    boolean clientAuth;

    public SslService(SslHost host, FlashStore store) {
        this.host = host;
        this.store = store;
    }

    /** Power loss or reset: the import and the options are RAM state (the file stays on the drive). */
    public void reset() {
        certificate = null;
        ignoreInvalid = false;
        clientAuth = false;
    }

    /** The CA certificate links must chain to, or null when they verify nothing. */
    public byte[] trustedCertificate() {
        return ignoreInvalid ? null : certificate;
    }

    boolean sslFirmware() {
        return host.sslFirmware();
    }

    /**
     * SSLSETCERT: OK, then {@code +SSLSETCERT: 0} when the file holds an X.509 certificate (PEM or
     * DER), which replaces the one held, or {@code +SSLSETCERT: 1} (a missing file or other content;
     * the previous import stays).
     */
    Result setCertificate(String path) {
        byte[] data = store.readFile(path);
        boolean ok = data != null && parses(data);
        if (ok) {
            certificate = data.clone();
        }
        host.urc(w -> w.text("+SSLSETCERT: " + (ok ? IMPORTED : FAILED)));
        return Result.OK;
    }

    private static boolean parses(byte[] data) {
        try {
            return !CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(data)).isEmpty();
        } catch (CertificateException | RuntimeException e) {
            return false;
        }
    }
}
