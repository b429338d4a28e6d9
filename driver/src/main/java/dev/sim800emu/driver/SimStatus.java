package dev.sim800emu.driver;

/** What {@code AT+CPIN?} says about the SIM. */
public enum SimStatus {
    READY, SIM_PIN, SIM_PUK, PH_SIM_PIN, SIM_PIN2, SIM_PUK2, NOT_INSERTED, UNKNOWN;

    static SimStatus parse(String value) {
        return switch (value) {
            case "READY" -> READY;
            case "SIM PIN" -> SIM_PIN;
            case "SIM PUK" -> SIM_PUK;
            case "PH_SIM PIN" -> PH_SIM_PIN;
            case "SIM PIN2" -> SIM_PIN2;
            case "SIM PUK2" -> SIM_PUK2;
            case "NOT INSERTED", "NOT READY" -> NOT_INSERTED;
            default -> UNKNOWN;
        };
    }
}
