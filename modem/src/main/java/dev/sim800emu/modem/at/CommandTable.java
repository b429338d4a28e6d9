package dev.sim800emu.modem.at;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** All commands a modem knows, by upper-case name ("+CIPSTART", "E", "&W", "S3"). */
public final class CommandTable {
    private final Map<String, CommandSpec> byName = new HashMap<>();

    public CommandTable add(CommandSpec spec) {
        if (byName.putIfAbsent(spec.name(), spec) != null) {
            throw new IllegalArgumentException("duplicate command " + spec.name());
        }
        return this;
    }

    public CommandTable add(CommandSpec.Builder builder) {
        return add(builder.build());
    }

    /** Registers {@code spec} also under another name (AT+GMR and AT+CGMR answer alike). */
    public CommandTable alias(String alias, String existing) {
        CommandSpec spec = byName.get(existing.toUpperCase(Locale.ROOT));
        if (spec == null) {
            throw new IllegalArgumentException("no command " + existing);
        }
        return add(new CommandSpec(alias, spec.test(), spec.read(), spec.write(), spec.exec()));
    }

    public CommandSpec find(String name) {
        return byName.get(name.toUpperCase(Locale.ROOT));
    }

    public Collection<CommandSpec> all() {
        return Collections.unmodifiableCollection(byName.values());
    }
}
