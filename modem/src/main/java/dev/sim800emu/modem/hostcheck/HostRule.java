package dev.sim800emu.modem.hostcheck;

/**
 * The host's obligations the chip enforces silently — by losing bytes, taking a command for
 * payload or payload for a command — as a table: each rule's name (as findings print it), the
 * section of docs/../shared/reference/sim800-at-tcpip.md that states it, and what it forbids.
 * {@link HostCheck} holds the detectors.
 */
public enum HostRule {
    COMMAND_BEFORE_RESULT("command-before-result", "§1.3, M §1.4.5",
            "a command line started before the previous line's final result"),
    LINE_TOO_LONG("line-too-long", "§1.3, M §1.4.4",
            "a command line over 556 characters after AT (the chip answers ERROR, runs nothing)"),
    PAYLOAD_BEFORE_PROMPT("payload-before-prompt", "§3.3",
            "CIPSEND payload sent before the \"> \" prompt"),
    PAYLOAD_TOO_LONG("payload-too-long", "§3.3, AN §7.1",
            "more bytes than AT+CIPSEND=<length> announced (the rest is read as commands)"),
    PAYLOAD_TOO_SHORT("payload-too-short", "§3.3, AN §7.1",
            "fewer bytes than AT+CIPSEND=<length> announced (the next command is read as payload)"),
    PAYLOAD_OVER_LIMIT("payload-over-limit", "§3.3, §2.2, AN §7.3",
            "a send longer than the 1460-byte maximum (Ctrl-Z payload or announced length): ERROR"),
    SEND_ON_CLOSED_LINK("send-on-closed-link", "§3.3",
            "AT+CIPSEND on a link that is not connected"),
    INPUT_DURING_BOOT("input-during-boot", "§5.2, M §19.3",
            "bytes sent before the modem finished booting (before RDY): the chip loses them"),
    ESCAPE_WITHOUT_GUARD("escape-without-guard", "§7, M §2.2.12",
            "+++ without 1 s of silence before and after: sent to the peer as data"),
    RXGET_AFTER_CONNECT("rxget-after-connect", "§2.5, §3.26",
            "AT+CIPRXGET=1 while a connection is open: it must come before the connection");

    private final String label;
    private final String section;
    private final String what;

    HostRule(String label, String section, String what) {
        this.label = label;
        this.section = section;
        this.what = what;
    }

    /** The rule's name as findings print it. */
    public String label() {
        return label;
    }

    /** Where the reference states the obligation. */
    public String section() {
        return section;
    }

    /** What the rule forbids, in one line. */
    public String what() {
        return what;
    }
}
