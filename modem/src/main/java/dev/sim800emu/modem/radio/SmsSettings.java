package dev.sim800emu.modem.radio;

/**
 * The host's SMS settings (27.005 as SIM800 implements it, reference §2): message format, TE
 * character set, text-mode parameters, service centre, new-message indications and preferred
 * storages. Volatile: power-on brings the factory values back (AT&W does not save them here; see
 * docs/commands.md).
 */
public final class SmsSettings {
    /** AT+CMGF: false PDU mode (factory), true text mode. */
    public boolean textMode;
    /** AT+CSCS: "IRA" (factory), "GSM", "UCS2", "HEX" … */
    public String charset = "IRA";
    /** AT+CSDH: show the text-mode header values. */
    public boolean showHeader;
    /** AT+CSMP: first octet, validity period, protocol id, data coding scheme. */
    public int fo = 17;
    public int vp = 167;
    public int pid;
    public int dcs;
    /** AT+CSCA: the service centre (the manual's example number) and its type. */
    public String sca = "+8613800100500";
    public int tosca = 145;
    /** AT+CNMI: mode, mt, bm, ds, bfr; factory 2,1,0,0,0 (AT&V dump). */
    public final int[] cnmi = {2, 1, 0, 0, 0};
    /** AT+CPMS: the names of mem1 (read, list, delete), mem2 (write, send) and mem3 (received). */
    public final String[] mem = new String[3];
    /** AT+CSAS / AT+CRES profile: CSCA and CSMP values. */
    private final Object[] saved = new Object[6];
    /** AT+CMGHEX, AT+CSMS: stored only. */
    public int cmghex;
    public int csms;

    public SmsSettings(String defaultMemory) {
        reset(defaultMemory);
        save();
    }

    /** Factory values; {@code defaultMemory} is "SM" or, on a SIM800L with R13, "SM_P". */
    private void reset(String defaultMemory) {
        textMode = false;
        charset = "IRA";
        showHeader = false;
        fo = 17;
        vp = 167;
        pid = 0;
        dcs = 0;
        cnmi[0] = 2;
        cnmi[1] = 1;
        cnmi[2] = 0;
        cnmi[3] = 0;
        cnmi[4] = 0;
        mem[0] = defaultMemory;
        mem[1] = defaultMemory;
        mem[2] = defaultMemory;
        cmghex = 0;
        csms = 0;
    }

    /** AT+CSAS. */
    public void save() {
        saved[0] = sca;
        saved[1] = tosca;
        saved[2] = fo;
        saved[3] = vp;
        saved[4] = pid;
        saved[5] = dcs;
    }

    /** AT+CRES. */
    public void restore() {
        sca = (String) saved[0];
        tosca = (Integer) saved[1];
        fo = (Integer) saved[2];
        vp = (Integer) saved[3];
        pid = (Integer) saved[4];
        dcs = (Integer) saved[5];
    }

    /** New messages are shown at once as +CMT rather than stored (CNMI mt=2). */
    public boolean directDelivery() {
        return cnmi[1] == 2;
    }

    /** Stored messages are announced with +CMTI (CNMI mt=1 or 3). */
    public boolean indexIndication() {
        return cnmi[1] == 1 || cnmi[1] == 3;
    }

    /** Message bodies and addresses are 16-bit hex groups (CSCS="UCS2"). */
    public boolean ucs2() {
        return charset.equals("UCS2");
    }
}
