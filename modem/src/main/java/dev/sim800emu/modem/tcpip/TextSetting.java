package dev.sim800emu.modem.tcpip;

/** The text settings of the TCP/IP application; like {@link TcpIpSetting}, each knows if CIPSCONT saves it. */
enum TextSetting {
    /** GPRS APN, user and password of CIPCSGP and CSTT. */
    APN("CMNET", true),
    USER("", true),
    PASSWORD("", true),
    /** AT+CDNSCFG. */
    DNS_PRIMARY("0.0.0.0", false),
    DNS_SECONDARY("0.0.0.0", false);

    final String initial;
    final boolean saved;

    TextSetting(String initial, boolean saved) {
        this.initial = initial;
        this.saved = saved;
    }
}
