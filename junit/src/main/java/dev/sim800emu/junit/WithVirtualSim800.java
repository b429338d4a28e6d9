package dev.sim800emu.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class virtual SIM800s: parameters of type {@link VirtualSim800} get the modem,
 * parameters of type {@link dev.sim800emu.driver.Sim800} a driver connected to it. Putting
 * {@code @ExtendWith(VirtualSim800Extension.class)} on the class instead gives the defaults.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(VirtualSim800Extension.class)
public @interface WithVirtualSim800 {

    /** One modem for the whole class instead of a fresh one per test. */
    boolean perClass() default false;

    /** Whether an injected driver has GPRS attached already (with {@link #apn()}). */
    boolean attachGprs() default true;

    String apn() default "internet";
}
