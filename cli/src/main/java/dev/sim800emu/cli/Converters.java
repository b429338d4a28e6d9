package dev.sim800emu.cli;

import dev.sim800emu.modem.config.ApnRule;
import dev.sim800emu.modem.config.ModemConfig;
import dev.sim800emu.modem.net.DestinationPolicy;
import dev.sim800emu.modem.net.NetworkOptions;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.function.LongConsumer;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Option values checked while the command line is parsed, so that every bad value is reported the
 * same way: one line naming the option, exit status 2. The checks are the modem's own.
 */
final class Converters {

    private Converters() {
    }

    /** A whole number given to {@code check}; its IllegalArgumentException becomes the message. */
    private static long number(String value, LongConsumer check) {
        long v;
        try {
            v = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a whole number");
        }
        try {
            check.accept(v);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
        return v;
    }

    /** "1.0,1.2" or "TLSv1,TLSv1.2" → the JDK's names, comma-separated. */
    static final class TlsVersions implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            List<String> names = new java.util.ArrayList<>();
            for (String v : value.split(",")) {
                String name = dev.sim800emu.modem.netty.TlsPolicy.versionName(v);
                if (name == null) {
                    throw new TypeConversionException("'" + v.trim() + "' is not a TLS version (3.0, 1.0, 1.1, 1.2, 1.3)");
                }
                names.add(name);
            }
            return String.join(",", names);
        }
    }

    /** {@code --model SIM800L|SIM800C|…}, in any case. */
    static final class Model implements ITypeConverter<dev.sim800emu.modem.config.ChipModel> {
        @Override
        public dev.sim800emu.modem.config.ChipModel convert(String value) {
            dev.sim800emu.modem.config.ChipModel m = dev.sim800emu.modem.config.ChipModel.parse(value);
            if (m == null) {
                throw new TypeConversionException("unknown model '" + value + "' (known: "
                        + dev.sim800emu.modem.config.ChipModel.names() + ")");
            }
            return m;
        }
    }

    /** {@code --location LAT,LON[,ACCURACY]}. */
    static final class Location implements ITypeConverter<dev.sim800emu.modem.config.CellLocation> {
        @Override
        public dev.sim800emu.modem.config.CellLocation convert(String value) {
            try {
                return dev.sim800emu.modem.config.CellLocation.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code --firmware R13.08|R14.18}. */
    static final class FirmwareRelease implements ITypeConverter<dev.sim800emu.modem.config.Firmware> {
        @Override
        public dev.sim800emu.modem.config.Firmware convert(String value) {
            dev.sim800emu.modem.config.Firmware f = dev.sim800emu.modem.config.Firmware.parse(value);
            if (f == null) {
                throw new TypeConversionException("unknown firmware '" + value + "' (known: "
                        + dev.sim800emu.modem.config.Firmware.names() + ")");
            }
            return f;
        }
    }

    static final class BootTime implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return number(value, ms -> ModemConfig.builder().bootMillis(ms));
        }
    }

    static final class StressDelay implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                int ms = Integer.parseInt(value);
                if (ms >= 0 && ms <= 60_000) {
                    return ms;
                }
            } catch (NumberFormatException e) {
                // below
            }
            throw new TypeConversionException("'" + value + "' is not 0..60000 ms");
        }
    }

    static final class ActivationTime implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return number(value, ms -> ModemConfig.builder().activationMillis(ms));
        }
    }

    static final class ConnectTimeout implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return number(value, ms -> ModemConfig.builder().connectTimeoutMillis(ms));
        }
    }

    static final class PortOffset implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return (int) number(value, n -> {
                if (n != (int) n) {
                    throw new IllegalArgumentException("server port offset must be within -65535..65535");
                }
                new NetworkOptions(null, DestinationPolicy.allowAll(), InetAddress.getLoopbackAddress(), (int) n);
            });
        }
    }

    static final class Ipv4 implements ITypeConverter<Inet4Address> {
        @Override
        public Inet4Address convert(String value) {
            try {
                return ModemConfig.ipv4(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not an IPv4 address a.b.c.d");
            }
        }
    }

    /** Keeps the text (DestinationPolicy parses the whole list) once it is known to parse. */
    static final class Cidr implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                DestinationPolicy.parse(List.of(value), List.of());
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(
                        "'" + value + "' is not a.b.c.d or a.b.c.d/n with n in 0..32");
            }
            return value;
        }
    }

    static final class Apn implements ITypeConverter<ApnRule> {
        @Override
        public ApnRule convert(String value) {
            try {
                return ApnRule.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(
                        "'" + value + "' is not an APN, optionally with a user and a password");
            }
        }
    }

    static final class Imei implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (!value.matches("\\d{15}")) {
                throw new TypeConversionException("'" + value + "' is not 15 digits");
            }
            return value;
        }
    }
}
