package dev.sim800emu.modem.netty;

import java.security.Security;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import java.nio.ByteBuffer;

/**
 * Lets the JDK speak the protocol versions a 2014 firmware speaks. The JDK disables SSL 3.0 and
 * TLS 1.0/1.1 through the security property {@code jdk.tls.disabledAlgorithms}, and has no
 * per-connection way back: algorithm constraints set on an engine only add restrictions. So the
 * names asked for are taken off that property — for the whole process, which in the emulator runs
 * nothing else that speaks TLS — and the change is checked, because the JDK reads the property once,
 * when TLS is first used; after that it is too late and {@link #allow} says so.
 */
final class LegacyTls {
    private static final String PROPERTY = "jdk.tls.disabledAlgorithms";

    private LegacyTls() {
    }

    /** Makes {@code versions} usable by this process's TLS clients, or throws if it cannot. */
    static synchronized void allow(List<String> versions) {
        String disabled = Security.getProperty(PROPERTY);
        if (disabled != null) {
            List<String> kept = new ArrayList<>();
            for (String entry : disabled.split(",")) {
                String e = entry.trim();
                if (!e.isEmpty() && !versions.contains(e)) {
                    kept.add(e);
                }
            }
            Security.setProperty(PROPERTY, String.join(", ", kept));
        }
        for (String v : versions) {
            if (!usable(v)) {
                throw new IllegalStateException(v + " cannot be enabled: this JVM read its TLS settings before "
                        + "the emulator could relax them (start it with -Djava.security.properties pointing at "
                        + "a file that sets " + PROPERTY + " without " + v + ")");
            }
        }
    }

    /** Whether a client offering only {@code version} can start a handshake. */
    private static boolean usable(String version) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, null, null);
            SSLEngine engine = ctx.createSSLEngine();
            engine.setUseClientMode(true);
            engine.setEnabledProtocols(new String[] {version});
            engine.beginHandshake();
            engine.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(engine.getSession().getPacketBufferSize()));
            return true;
        } catch (SSLException | IllegalArgumentException e) {
            return false;
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }
}
