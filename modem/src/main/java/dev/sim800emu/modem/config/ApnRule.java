package dev.sim800emu.modem.config;

/**
 * An APN the simulated operator accepts, with the user name and password it requires (null means
 * any). With no rules configured every APN is accepted.
 */
public record ApnRule(String apn, String user, String password) {

    public boolean accepts(String apn, String user, String password) {
        return this.apn.equalsIgnoreCase(apn)
                && (this.user == null || this.user.equals(user))
                && (this.password == null || this.password.equals(password));
    }

    /** Parses {@code APN[,USER[,PASSWORD]]}. */
    public static ApnRule parse(String spec) {
        String[] parts = spec.split(",", -1);
        if (parts.length > 3 || parts[0].isBlank()) {
            throw new IllegalArgumentException("expected APN[,USER[,PASSWORD]] but got '" + spec + "'");
        }
        return new ApnRule(parts[0], parts.length > 1 ? parts[1] : null, parts.length > 2 ? parts[2] : null);
    }
}
