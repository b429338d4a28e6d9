#!/usr/bin/env python3
"""The serial-latency and startup sections of docs/benchmarks.md (issue 16), from the output of
SerialLatency and bench/startup.py. Run by bench/serial.sh; each section replaces the one between
its markers, or is added before the raw JMH output (bench/report.py carries them over).
"""
import argparse
import os
import re

TCP_P50, TCP_P99 = 1.3, 2.0      # emulator / raw responder on the same kind of channel
PTY_P50, PTY_P99 = 1.5, 3.0
STARTUP_GOAL_MS = 500
DOC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "docs", "benchmarks.md")


def load_latency(path):
    med, runs, note = {}, {}, ""
    for line in open(path):
        f = line.rstrip("\n").split("\t")
        if f[0] == "MEDIAN":
            med[f[1]] = [float(x) for x in f[2:7]]
        elif f[0] == "RUN":
            runs.setdefault(f[1], []).append([float(x) for x in f[3:8]])
        elif line.startswith("# SerialLatency"):
            note = line[2:].strip()
    return med, runs, note


def load_startup(path):
    runs, med = {}, {}
    for line in open(path):
        f = line.rstrip("\n").split("\t")
        if f[0] == "STARTUP":
            runs.setdefault(f[1], []).append((float(f[3]), float(f[4]), float(f[5])))
        elif f[0] == "MEDIAN":
            med[f[1]] = (float(f[3]), float(f[4]))
    return runs, med


OVERLOADED = False   # set in main(): the machine had more runnable work than CPUs


def verdict(ok):
    if OVERLOADED:
        return "no verdict (machine overloaded)"
    return "**PASS**" if ok else "**MISS**"


def us(v):
    return f"{v:,.1f} µs" if v < 1000 else f"{v:,.0f} µs"


def paired(runs, e, r, col):
    """Median over runs i of emulator run i / raw run i for figure col (0 = p50, 1 = p99)."""
    ratios = sorted(a[col] / b[col] for a, b in zip(runs[e], runs[r]))
    n = len(ratios)
    return ratios[n // 2] if n % 2 else (ratios[n // 2 - 1] + ratios[n // 2]) / 2


def latency_section(a):
    med, runs, note = load_latency(a.latency)
    o = ["<!-- serial-latency:begin -->", "## AT round trip over the serial line: latency distribution (`SerialLatency`)", ""]
    w = o.append
    w(f"Measured {a.date}, {a.java}, {a.cpus} CPUs, {a.git}; load average (1, 5, 15 min) {a.load}.")
    w("**The machine is shared with other developers' builds**: tails (p99, p99.9) above all move with")
    w("their load; compare the emulator with the raw baseline of the same run, not across runs.")
    if OVERLOADED:
        w("In this run the load average exceeded the number of CPUs: the client, the servers and the")
        w("responders waited for a CPU more than they worked, so no verdict is given; rerun")
        w("`bench/serial.sh` on a quiet machine.")
    w("")
    w("```sh")
    w(a.latency_cmd)
    w("```")
    w("")
    w("One client thread writes `AT\\r` and reads `AT\\r\\r\\nOK\\r\\n` (echo on), timing every round")
    nruns = max((len(v) for v in runs.values()), default=0)
    w(f"trip with `System.nanoTime()` ({note}). Every case is warmed up, then measured {nruns} times,")
    w("interleaved (A/B, B/A, A/B, …); the first table gives the median of the runs for each figure.")
    w("The verdicts use the median of the **paired** ratios: run i of the emulator against run i of its")
    w("baseline, measured one right after the other. A p50 on this machine is bimodal (about 25 µs")
    w("apart, depending on whether the scheduler has the client and the answering thread share a")
    w("CPU), so a ratio of two medians taken minutes apart can compare the two modes; adjacent runs")
    w("mostly see the same one.")
    w("")
    w("* **TCP**: a blocking `java.net.Socket` client (TCP_NODELAY) to the emulator's TCP serial endpoint;")
    w("  raw baseline: the same client to a tiny Netty handler on its own one-thread epoll loop")
    w("  (TCP_NODELAY) that answers every 3 bytes with the same 9 (`ReplyServer`).")
    w("* **PTY**: the client opens the slave in blocking mode and reads and writes it with plain")
    w("  `read`/`write` (`RandomAccessFile`); emulator: `PtyEndpoint` with the master read on the")
    w("  modem's epoll loop; raw baseline: a bare PTY (raw mode) whose master one thread reads in")
    w("  blocking mode and answers (`RawPtyResponder`). The second pair is the endpoint's fallback,")
    w("  a reader thread handing input to the loop — how every PTY was read before issue 16.")
    w("")
    w("| case | p50 | p99 | p99.9 | max | mean |")
    w("|---|---:|---:|---:|---:|---:|")
    for name, v in med.items():
        w(f"| `{name}` | " + " | ".join(us(x) for x in v) + " |")
    w("")
    rows = [("TCP", "tcp-emulator", "tcp-raw", TCP_P50, TCP_P99),
            ("PTY, read on the event loop", "pty-emulator", "pty-raw", PTY_P50, PTY_P99),
            ("PTY, reader thread (fallback, before)", "pty-emulator-thread", "pty-raw-2", PTY_P50, PTY_P99)]
    w("| line | p50 emulator / raw (paired; of medians) | goal | verdict "
      "| p99 emulator / raw (paired; of medians) | goal | verdict |")
    w("|---|---:|---|---|---:|---|---|")
    for label, e, r, g50, g99 in rows:
        if e in med and r in med:
            r50 = paired(runs, e, r, 0)
            r99 = paired(runs, e, r, 1)
            m50 = med[e][0] / med[r][0]
            m99 = med[e][1] / med[r][1]
            goal = e != "pty-emulator-thread"
            w(f"| {label} | {r50:.2f}× ({m50:.2f}×) | ≤ {g50}× | {verdict(r50 <= g50) if goal else 'reported'} "
              f"| {r99:.2f}× ({m99:.2f}×) | ≤ {g99}× | {verdict(r99 <= g99) if goal else 'reported'} |")
    w("")
    w("Every run (µs):")
    w("")
    w("| case | run | p50 | p99 | p99.9 | max |")
    w("|---|---:|---:|---:|---:|---:|")
    for name, rs in runs.items():
        for i, v in enumerate(rs, 1):
            w(f"| `{name}` | {i} | " + " | ".join(us(x) for x in v[:4]) + " |")
    w("<!-- serial-latency:end -->")
    return o


def startup_section(a):
    runs, med = load_startup(a.startup)
    o = ["<!-- startup:begin -->", "## Process start to serial-ready (`bench/startup.py`)", ""]
    w = o.append
    w(f"Measured {a.date}, {a.java}, {a.cpus} CPUs; load average {a.load} (shared machine: the wall")
    w("clock is stretched by other processes; the CPU time is steadier).")
    w("")
    w("```sh")
    w(a.startup_cmd)
    w("```")
    w("")
    w("From spawning the process until the TCP serial line has accepted a connection and sent the")
    w("first boot byte (`--boot-time 0`, the default), per run, the commands taking turns. `launcher`")
    w("is `./sim800emu` with its class-data-sharing archive (made by an untimed first start);")
    w("`plain-java` is `java -jar` without it. CPU is user + system time of the process by then.")
    w("")
    w("| command | median to first byte | median CPU | goal | verdict |")
    w("|---|---:|---:|---|---|")
    for label, (first, cpu) in med.items():
        v = verdict(first <= STARTUP_GOAL_MS) if label == "launcher" else "reported"
        w(f"| `{label}` | {first:,.0f} ms | {cpu:,.0f} ms | ≤ {STARTUP_GOAL_MS} ms | {v} |")
    w("")
    w("| command | run | accepted | first byte | CPU |")
    w("|---|---:|---:|---:|---:|")
    for label, rs in runs.items():
        for i, (acc, first, cpu) in enumerate(rs, 1):
            w(f"| `{label}` | {i} | {acc:,.0f} ms | {first:,.0f} ms | {cpu:,.0f} ms |")
    w("<!-- startup:end -->")
    return o


def splice(doc, name, lines):
    begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
    block = "\n".join(lines)
    if begin in doc and end in doc:
        return re.sub(re.escape(begin) + r".*?" + re.escape(end), lambda m: block, doc, flags=re.S)
    anchor = doc.find("\n## Raw JMH output")
    if anchor < 0:
        return doc.rstrip("\n") + "\n\n" + block + "\n"
    return doc[:anchor] + "\n" + block + "\n" + doc[anchor:]


def main():
    ap = argparse.ArgumentParser()
    for name in ("latency", "startup", "date", "java", "cpus", "load", "git", "latency-cmd", "startup-cmd"):
        ap.add_argument("--" + name, required=True)
    a = ap.parse_args()
    global OVERLOADED
    loads = [float(x) for x in re.findall(r"\d+\.\d+", a.load)]
    OVERLOADED = bool(loads) and max(loads[0], loads[-3] if len(loads) >= 3 else 0) > float(a.cpus)
    doc = open(DOC).read()
    doc = splice(doc, "serial-latency", latency_section(a))
    doc = splice(doc, "startup", startup_section(a))
    open(DOC, "w").write(doc)


if __name__ == "__main__":
    main()
