package dev.sim800emu.driver.transport;

import java.io.IOException;
import java.net.URI;

/**
 * Opens a transport from an address as a user writes it:
 * <ul>
 *   <li>{@code tcp://HOST:PORT} (also {@code socket://}, as pyserial spells it): a raw TCP socket;</li>
 *   <li>{@code /dev/ttyUSB0}, {@code /dev/serial0}, {@code /dev/pts/3}, {@code COM3}: a serial port
 *       or pseudo-terminal at 115200 baud;</li>
 *   <li>{@code serial:/dev/ttyUSB0?baud=9600&rtscts=true}: the same with settings.</li>
 * </ul>
 */
public final class Transports {
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private Transports() {
    }

    public static Transport open(String address) throws IOException {
        if (address.startsWith("tcp://") || address.startsWith("socket://")) {
            URI uri = URI.create(address);
            if (uri.getHost() == null || uri.getPort() < 0) {
                throw new IllegalArgumentException("expected tcp://HOST:PORT, got " + address);
            }
            return TcpTransport.connect(uri.getHost(), uri.getPort(), CONNECT_TIMEOUT_MILLIS);
        }
        String path = address;
        int baud = 115_200;
        boolean rtsCts = false;
        if (address.startsWith("serial:")) {
            String rest = address.substring("serial:".length());
            int q = rest.indexOf('?');
            path = q < 0 ? rest : rest.substring(0, q);
            if (q >= 0) {
                for (String kv : rest.substring(q + 1).split("&")) {
                    String[] p = kv.split("=", 2);
                    String value = p.length > 1 ? p[1] : "";
                    switch (p[0]) {
                        case "baud" -> baud = Integer.parseInt(value);
                        case "rtscts" -> rtsCts = Boolean.parseBoolean(value);
                        default -> throw new IllegalArgumentException("unknown serial setting '" + p[0] + "'");
                    }
                }
            }
        }
        return SerialPortTransport.open(path, baud, rtsCts);
    }
}
