"""Drives the emulator's RFC 2217 endpoint with pyserial, an independent client.

Usage: /usr/bin/python3 client.py PORT

Talks to the Java test on stdout/stdin: after each phase it prints one JSON line of what it saw
and waits for a line on stdin before going on, so that the test can look at the engine while the
port is still open. Every read is bounded (timeout=2 on the port, deadlines below).
"""
import json
import sys
import time

import serial

MODEM_STATE = 107  # SERVER_NOTIFY_MODEMSTATE


def report(phase, **seen):
    seen["phase"] = phase
    print(json.dumps(seen, sort_keys=True), flush=True)


def wait_for_test():
    if not sys.stdin.readline():
        sys.exit("test went away")


def read_until(ser, token, seconds=3.0):
    """Everything received until token (included) or the deadline."""
    data = b""
    deadline = time.monotonic() + seconds
    while token not in data and time.monotonic() < deadline:
        data += ser.read(max(1, ser.in_waiting))
    return data.decode("latin-1")


def lines(ser):
    return {"cd": ser.cd, "ri": ser.ri, "cts": ser.cts, "dsr": ser.dsr}


def main():
    url = "rfc2217://127.0.0.1:%d" % int(sys.argv[1])
    ser = serial.serial_for_url(url, baudrate=115200, timeout=2, do_not_open=True)
    # Record every NOTIFY-MODEMSTATE, not only the last one pyserial keeps.
    notifications = []
    process = ser._telnet_process_subnegotiation

    def recording(suboption):
        if suboption[0:1] == b"\x2c" and suboption[1:2] == bytes([MODEM_STATE]) and len(suboption) >= 3:
            notifications.append(suboption[2])
        process(suboption)

    ser._telnet_process_subnegotiation = recording
    ser.open()

    # open() purges the input after negotiating, so what the modem printed at power-on is gone.
    time.sleep(0.2)
    at_open = lines(ser)
    ser.write(b"ATE0\r")
    ate0 = read_until(ser, b"OK\r\n")
    ser.write(b"ATI\r")
    ati = read_until(ser, b"OK\r\n")
    # IAC escaping both ways: with echo on, the modem sends the 0xFF straight back.
    ser.write(b"ATE1\r")
    read_until(ser, b"OK\r\n")
    ser.write(b"AT\xff\r")
    echo_ff = read_until(ser, b"ERROR\r\n")
    ser.write(b"ATE0\r")
    read_until(ser, b"OK\r\n")

    ser.dtr = False
    ser.rts = False
    ser.baudrate = 9600
    report("host-lines-off", at_open=at_open, ate0=ate0, ati=ati, echo_ff=echo_ff)
    wait_for_test()

    ser.dtr = True
    ser.rts = True
    report("host-lines-on")
    wait_for_test()

    # DCD follows AT&C: &C0 asserts it at once; &W and a reset make the modem boot with it.
    count = len(notifications)
    ser.write(b"AT&C0\r")
    ampc0 = read_until(ser, b"OK\r\n")
    time.sleep(0.3)
    after_ampc0 = lines(ser)
    after_ampc0_notified = notifications[count:]
    ser.write(b"AT&W\r")
    read_until(ser, b"OK\r\n")
    count = len(notifications)
    ser.write(b"AT+CFUN=1,1\r")
    reboot = read_until(ser, b"SMS Ready\r\n")
    time.sleep(0.3)
    after_reboot = lines(ser)
    ser.close()
    report("closed", ampc0=ampc0, after_ampc0=after_ampc0, after_ampc0_notified=after_ampc0_notified,
           reboot=reboot, after_reboot=after_reboot, reboot_notified=notifications[count:],
           notifications=notifications)


main()
