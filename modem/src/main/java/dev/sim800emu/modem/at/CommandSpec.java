package dev.sim800emu.modem.at;

import java.util.Locale;
import java.util.function.Function;

/**
 * One AT command: its name and a handler per form. A missing form answers ERROR.
 *
 * <p>Extended commands ({@code +CIPMUX}) have the four V.250 forms: test {@code =?}, read {@code ?},
 * write {@code =…} and execute. Basic commands ({@code E}, {@code &W}, {@code S3}) use execute for
 * the bare form and write for a numeric value ({@code E0}, {@code S3=13}); {@code S3?} is read.
 *
 * @param <H> what the handlers receive (see {@link Handler})
 */
public record CommandSpec<H>(String name, Handler<H> test, Handler<H> read, Handler<H> write, Handler<H> exec) {

    public CommandSpec {
        name = name.toUpperCase(Locale.ROOT);
    }

    public Handler<H> handlerFor(Form form) {
        return switch (form) {
            case TEST -> test;
            case READ -> read;
            case WRITE -> write;
            case EXECUTE -> exec;
        };
    }

    /** The same command seen from a wider host: {@code view} picks this command's part of it. */
    <M> CommandSpec<M> viewedFrom(Function<? super M, ? extends H> view) {
        return new CommandSpec<>(name, adapt(test, view), adapt(read, view), adapt(write, view), adapt(exec, view));
    }

    CommandSpec<H> renamed(String alias) {
        return new CommandSpec<>(alias, test, read, write, exec);
    }

    private static <M, H> Handler<M> adapt(Handler<H> h, Function<? super M, ? extends H> view) {
        return h == null ? null : (m, ctx, args) -> h.handle(view.apply(m), ctx, args);
    }

    /** The four forms of a command. */
    public enum Form {
        TEST, READ, WRITE, EXECUTE
    }

    /** Fluent construction, so a command table reads as a list of entries. */
    public static final class Builder<H> {
        private final String name;
        private Handler<H> test;
        private Handler<H> read;
        private Handler<H> write;
        private Handler<H> exec;

        Builder(String name) {
            this.name = name;
        }

        public Builder<H> test(Handler<H> h) {
            this.test = h;
            return this;
        }

        /** A test form that prints a fixed line (or nothing when {@code line} is null) and OK. */
        public Builder<H> test(String line) {
            this.test = (host, ctx, a) -> {
                if (line != null) {
                    ctx.out().info(line);
                }
                return Result.OK;
            };
            return this;
        }

        public Builder<H> read(Handler<H> h) {
            this.read = h;
            return this;
        }

        public Builder<H> write(Handler<H> h) {
            this.write = h;
            return this;
        }

        public Builder<H> exec(Handler<H> h) {
            this.exec = h;
            return this;
        }

        CommandSpec<H> build() {
            return new CommandSpec<>(name, test, read, write, exec);
        }
    }
}
