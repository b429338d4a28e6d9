package dev.sim800emu.modem.netty;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.net.ssl.SSLException;

/**
 * What the modem's TLS client offers and whom it trusts: the firmware's protocol versions (SSL 3.0
 * and TLS 1.0 on the SIM800 — by default only TLS 1.0 is offered, see {@link LegacyTls}), and no
 * verification of the server unless the host loaded a CA (AT+SSLSETCERT) or the user gave
 * {@code --tls-trust FILE}, as on the chip, which connects to anything.
 *
 * <p>Client contexts are built once per policy, plus one for the last certificate a host loaded.
 */
public final class TlsPolicy {
    /** The versions the SIM800's firmware speaks that the JDK still implements. */
    public static final List<String> CHIP_VERSIONS = List.of("TLSv1");

    private final List<String> versions;
    private final File trustFile;
    private final SslContext context;
    private byte[] lastCertificate;
    private SslContext lastCertificateContext;

    /**
     * @param versions JDK protocol names ("TLSv1", "TLSv1.2" …), offered in the ClientHello
     * @param trustFile PEM CA certificates every server must chain to, or null: no verification
     */
    public TlsPolicy(List<String> versions, File trustFile) {
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("no TLS version");
        }
        this.versions = List.copyOf(versions);
        this.trustFile = trustFile;
        LegacyTls.allow(this.versions);
        this.context = build(trustFile == null ? null : builder().trustManager(trustFile));
    }

    private static TlsPolicy chip;

    /** The chip's own: TLS 1.0, no verification. One for the process, made on first use. */
    public static synchronized TlsPolicy chip() {
        if (chip == null) {
            chip = new TlsPolicy(CHIP_VERSIONS, null);
        }
        return chip;
    }

    /** "1.0", "1.2", "TLSv1.3", "SSLv3" … as the JDK names them; null for a name it does not know. */
    public static String versionName(String s) {
        String v = s.trim().toUpperCase(Locale.ROOT);
        return switch (v) {
            case "3.0", "SSL3", "SSLV3", "SSL3.0" -> "SSLv3";
            case "1.0", "1", "TLSV1", "TLSV1.0", "TLS1.0" -> "TLSv1";
            case "1.1", "TLSV1.1", "TLS1.1" -> "TLSv1.1";
            case "1.2", "TLSV1.2", "TLS1.2" -> "TLSv1.2";
            case "1.3", "TLSV1.3", "TLS1.3" -> "TLSv1.3";
            default -> null;
        };
    }

    public List<String> versions() {
        return versions;
    }

    public File trustFile() {
        return trustFile;
    }

    /**
     * The client context for a link: the policy's, or — when the host loaded a CA certificate and
     * no trust file overrides it — one that verifies against that certificate.
     */
    synchronized SslContext context(byte[] hostCertificate) {
        if (hostCertificate == null || trustFile != null) {
            return context;
        }
        if (!Arrays.equals(hostCertificate, lastCertificate)) {
            lastCertificateContext = build(builder().trustManager(certificate(hostCertificate)));
            lastCertificate = hostCertificate.clone();
        }
        return lastCertificateContext;
    }

    private SslContextBuilder builder() {
        return SslContextBuilder.forClient().sslProvider(SslProvider.JDK).protocols(versions);
    }

    private SslContext build(SslContextBuilder verifying) {
        try {
            if (verifying != null) {
                return verifying.build(); // Netty checks the host name too (endpoint identification)
            }
            // The chip checks nothing: any certificate, any name.
            return builder().trustManager(InsecureTrustManagerFactory.INSTANCE)
                    .endpointIdentificationAlgorithm(null).build();
        } catch (SSLException e) {
            throw new IllegalArgumentException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** A certificate as the host stored it: PEM or DER. An unreadable one trusts nothing. */
    private static X509Certificate[] certificate(byte[] bytes) {
        try {
            return CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(bytes))
                    .toArray(new X509Certificate[0]);
        } catch (CertificateException e) {
            return new X509Certificate[0];
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TlsPolicy p && p.versions.equals(versions) && Objects.equals(p.trustFile, trustFile);
    }

    @Override
    public int hashCode() {
        return Objects.hash(versions, trustFile);
    }
}
