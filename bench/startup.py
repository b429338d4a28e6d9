#!/usr/bin/env python3
"""Process start to serial-ready: how long from spawning the emulator until its TCP serial line
accepts a connection and the first boot byte arrives.

    python3 bench/startup.py [RUNS] -- LABEL COMMAND... [-- LABEL COMMAND...]...

Every COMMAND gets --tcp 127.0.0.1:PORT appended, with a fresh free port. A run starts it,
connects every millisecond until the port accepts, reads until the first byte (the modem powers on
when a host connects, and with --boot-time 0, the default, prints RDY at once), then stops the
process with SIGTERM. Besides the wall clock it reports the CPU time the process had used by
the first byte (from /proc), which other processes on a shared machine disturb much less. The commands take turns (A, B, A, B, ...), so that a change in the machine's
load falls on all of them alike. Prints one STARTUP line per run (label, run, ms to accept, ms to
the first byte) and the median of each command's time to the first byte.
"""
import os
import signal
import socket
import statistics
import subprocess
import sys
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_millis(pid):
    """User + system CPU time of the process and its reaped children so far: on a shared machine
    a steadier measure of the work done than the wall clock."""
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    ticks = sum(int(fields[i]) for i in (11, 12, 13, 14))  # utime stime cutime cstime
    return ticks * 1000 / os.sysconf("SC_CLK_TCK")


def one_run(cmd):
    port = free_port()
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd + ["--tcp", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = t0 + 30
        while True:
            if proc.poll() is not None:
                raise SystemExit(f"startup.py: the emulator exited with {proc.returncode}")
            if time.monotonic() > deadline:
                raise SystemExit("startup.py: no serial line within 30 s")
            try:
                s = socket.create_connection(("127.0.0.1", port), timeout=1)
            except OSError:
                time.sleep(0.001)
                continue
            accepted = time.monotonic()
            with s:
                s.settimeout(10)
                if not s.recv(1):
                    raise SystemExit("startup.py: the serial line closed without a byte")
            first_byte = time.monotonic()
            return (accepted - t0) * 1000, (first_byte - t0) * 1000, cpu_millis(proc.pid)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def main():
    args = sys.argv[1:]
    runs = 5
    if args and args[0] != "--":
        runs = int(args.pop(0))
    if not args or args[0] != "--":
        raise SystemExit(__doc__)
    commands = []
    for token in args:
        if token == "--":
            commands.append([])
        else:
            commands[-1].append(token)
    if any(len(c) < 2 for c in commands):
        raise SystemExit(__doc__)
    firsts = {c[0]: [] for c in commands}
    cpus = {c[0]: [] for c in commands}
    print("# STARTUP\tlabel\trun\taccepted ms\tfirst byte ms\tCPU ms", flush=True)
    for i in range(runs):
        for label, *cmd in commands:
            accepted, first, cpu = one_run(cmd)
            firsts[label].append(first)
            cpus[label].append(cpu)
            print(f"STARTUP\t{label}\t{i + 1}\t{accepted:.0f}\t{first:.0f}\t{cpu:.0f}", flush=True)
    print("# MEDIAN\tlabel\truns\tfirst byte ms\tCPU ms", flush=True)
    for label, values in firsts.items():
        print(f"MEDIAN\t{label}\t{runs}\t{statistics.median(values):.0f}\t{statistics.median(cpus[label]):.0f}",
              flush=True)


if __name__ == "__main__":
    main()
