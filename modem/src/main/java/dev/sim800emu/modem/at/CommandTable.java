package dev.sim800emu.modem.at;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * All commands a modem knows, by upper-case name ("+CIPSTART", "E", "&W", "S3"). Built once and
 * immutable, so every modem of a process shares one table: a handler is given the modem it runs
 * for ({@link Handler}), and keeps nothing of its own.
 *
 * <p>Command families register into a {@link Section}: a part of the table whose handlers see only
 * the narrow host interface the family needs, picked out of the modem by a view function.
 *
 * @param <M> the modem type handlers are invoked with
 */
public final class CommandTable<M> {
    private final Map<String, CommandSpec<M>> byName;

    private CommandTable(Map<String, CommandSpec<M>> byName) {
        this.byName = Map.copyOf(byName);
    }

    /** Builds a table: {@code families} registers every command, then the table is frozen. */
    public static <M> CommandTable<M> build(Consumer<Sections<M>> families) {
        Sections<M> sections = new Sections<>();
        families.accept(sections);
        return new CommandTable<>(sections.freeze());
    }

    public CommandSpec<M> find(String name) {
        return byName.get(name.toUpperCase(Locale.ROOT));
    }

    public Collection<CommandSpec<M>> all() {
        return Collections.unmodifiableCollection(byName.values());
    }

    /** Hands out sections while a table is being built. */
    public static final class Sections<M> {
        private final List<Section<M, ?>> sections = new ArrayList<>();

        /** A part of the table whose handlers receive {@code view.apply(modem)}. */
        public <H> Section<M, H> section(Function<? super M, ? extends H> view) {
            Section<M, H> s = new Section<>(view);
            sections.add(s);
            return s;
        }

        private Map<String, CommandSpec<M>> freeze() {
            Map<String, CommandSpec<M>> all = new HashMap<>();
            for (Section<M, ?> s : sections) {
                s.addTo(all);
            }
            return all;
        }
    }

    /** One family's commands, written against its host type {@code H}. */
    public static final class Section<M, H> {
        private final Function<? super M, ? extends H> view;
        private final List<CommandSpec.Builder<H>> builders = new ArrayList<>();
        private final List<String[]> aliases = new ArrayList<>();

        private Section(Function<? super M, ? extends H> view) {
            this.view = view;
        }

        /** Starts a command entry; its forms are set on the returned builder. */
        public CommandSpec.Builder<H> command(String name) {
            CommandSpec.Builder<H> b = new CommandSpec.Builder<>(name);
            builders.add(b);
            return b;
        }

        /** Registers {@code existing} also under another name (AT+GMR and AT+CGMR answer alike). */
        public void alias(String alias, String existing) {
            aliases.add(new String[] {alias, existing});
        }

        private void addTo(Map<String, CommandSpec<M>> all) {
            Map<String, CommandSpec<H>> mine = new HashMap<>();
            for (CommandSpec.Builder<H> b : builders) {
                CommandSpec<H> spec = b.build();
                if (mine.putIfAbsent(spec.name(), spec) != null) {
                    throw new IllegalArgumentException("duplicate command " + spec.name());
                }
            }
            for (String[] a : aliases) {
                CommandSpec<H> spec = mine.get(a[1].toUpperCase(Locale.ROOT));
                if (spec == null) {
                    throw new IllegalArgumentException("no command " + a[1]);
                }
                CommandSpec<H> renamed = spec.renamed(a[0]);
                mine.put(renamed.name(), renamed);
            }
            for (CommandSpec<H> spec : mine.values()) {
                if (all.putIfAbsent(spec.name(), spec.viewedFrom(view)) != null) {
                    throw new IllegalArgumentException("duplicate command " + spec.name());
                }
            }
        }
    }
}
