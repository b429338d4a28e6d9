package dev.sim800emu.modem.at;

import java.util.Locale;

/**
 * One AT command: its name and a handler per form. A missing form answers ERROR.
 *
 * <p>Extended commands ({@code +CIPMUX}) have the four V.250 forms: test {@code =?}, read {@code ?},
 * write {@code =…} and execute. Basic commands ({@code E}, {@code &W}, {@code S3}) use execute for
 * the bare form and write for a numeric value ({@code E0}, {@code S3=13}); {@code S3?} is read.
 */
public record CommandSpec(String name, Handler test, Handler read, Handler write, Handler exec) {

    public CommandSpec {
        name = name.toUpperCase(Locale.ROOT);
    }

    public static Builder named(String name) {
        return new Builder(name);
    }

    public Handler handlerFor(Form form) {
        return switch (form) {
            case TEST -> test;
            case READ -> read;
            case WRITE -> write;
            case EXECUTE -> exec;
        };
    }

    /** The four forms of a command. */
    public enum Form {
        TEST, READ, WRITE, EXECUTE
    }

    /** Fluent construction, so a command table reads as a list of entries. */
    public static final class Builder {
        private final String name;
        private Handler test;
        private Handler read;
        private Handler write;
        private Handler exec;

        private Builder(String name) {
            this.name = name;
        }

        public Builder test(Handler h) {
            this.test = h;
            return this;
        }

        /** A test form that prints a fixed line (or nothing when {@code line} is null) and OK. */
        public Builder test(String line) {
            this.test = (ctx, a) -> {
                if (line != null) {
                    ctx.out().info(line);
                }
                return Result.OK;
            };
            return this;
        }

        public Builder read(Handler h) {
            this.read = h;
            return this;
        }

        public Builder write(Handler h) {
            this.write = h;
            return this;
        }

        public Builder exec(Handler h) {
            this.exec = h;
            return this;
        }

        public CommandSpec build() {
            return new CommandSpec(name, test, read, write, exec);
        }
    }
}
