package dev.sim800emu.modem.apps.location;

import dev.sim800emu.modem.config.CellLocation;
import java.time.Instant;

/** What the location commands need from the rest of the modem. */
public interface LocationHost {
    /** True while SAPBR bearer {@code cid} is open. */
    boolean bearerOpen(int cid);

    /** Where the network places the modem now. */
    CellLocation location();

    /** The network's time (the host's clock): the location server stamps its answers with it, in GMT. */
    Instant networkTime();

    /** False on firmware without the LBS service (release 13): AT+CLBS and AT+CLBSCFG are ERROR. */
    boolean lbsFirmware();
}
