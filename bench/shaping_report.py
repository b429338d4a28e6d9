#!/usr/bin/env python3
"""The link-shaping accuracy section of docs/benchmarks.md, from LinkShapingAccuracy's output.

bench/report.py includes it when bench/run.sh passes --shaping; run alone, this script splices a
fresh section into an existing docs/benchmarks.md (between the shaping markers, or before the raw
JMH output), so the shaping figures can be refreshed without rerunning JMH:

    java -cp bench/target/benchmarks.jar dev.sim800emu.bench.LinkShapingAccuracy 4 > shaping.txt
    python3 bench/shaping_report.py --shaping shaping.txt --date "$(date -u)" \
        --cmd "java -cp bench/target/benchmarks.jar dev.sim800emu.bench.LinkShapingAccuracy 4"
"""
import argparse
import math
import re

GOAL_PCT = 3.0  # issue 9: rate and round trip within ±3 % of the configured values
BEGIN = "<!-- shaping:begin -->"
END = "<!-- shaping:end -->"


def load(path):
    rows, notes = [], []
    for line in open(path):
        if line.startswith("SHAPING\t"):
            _, kind, direction, configured, measured, error, unit = line.rstrip("\n").split("\t")
            rows.append((kind, direction, float(configured), float(measured), float(error), unit))
        elif line.startswith("#"):
            notes.append(line[1:].strip())
    return rows, notes


def fmt(value, unit):
    if unit == "bit/s":
        if value >= 1e9:
            return f"{value / 1e9:,.2f} Gbit/s"
        if value >= 1e6:
            return f"{value / 1e6:,.3f} Mbit/s"
        return f"{value / 1e3:,.2f} kbit/s"
    return f"{value:,.3f} ms" if value < 10 else f"{value:,.1f} ms"


def section(path, date, cmd):
    rows, notes = load(path)
    o = [BEGIN, "## Link shaping accuracy (`LinkShapingAccuracy`)", ""]
    o.append("How exactly a modem's links keep the network conditions they are given (issue 9). A")
    o.append("`NettyNetwork` link talks to a plain socket on 127.0.0.1. Rate: a few seconds of data one way,")
    o.append("bytes after the first delivery over the time from the first delivery to the last (uplink timed")
    o.append("by the peer's reads, downlink by the modem side's deliveries). Round trip: the median of five")
    o.append("one-byte echoes, from the modem side's send to the echo's delivery, with only latency set.")
    o.append("The raw baseline is the same transfer under `ideal` conditions (no shaping objects at all).")
    o.append("")
    o.append(f"Run {date}" + (f" ({'; '.join(notes)})" if notes else "") + ":")
    o.append("")
    o.append("```sh")
    o.append(cmd)
    o.append("```")
    o.append("")
    o.append("| figure | configured | measured | error | goal | verdict |")
    o.append("|---|---:|---:|---:|---|---|")
    for kind, direction, configured, measured, error, unit in rows:
        if kind == "raw":
            continue
        label = f"rate, {direction}link" if kind == "rate" else "added round trip"
        ok = not math.isnan(error) and abs(error) <= GOAL_PCT
        o.append(f"| {label} | {fmt(configured, unit)} | {fmt(measured, unit)} | {error:+.2f} % "
                 f"| within ±{GOAL_PCT:g} % | {'**PASS**' if ok else '**MISS**'} |")
    for kind, direction, configured, measured, error, unit in rows:
        if kind == "raw":
            label = "round trip" if unit == "ms" else f"rate, {direction}link"
            o.append(f"| raw baseline (ideal): {label} | — | {fmt(measured, unit)} | — | — | reported |")
    o.append("")
    o.append("Release times come from a virtual schedule (next release = max(now, previous) + bytes × 8 /")
    o.append("rate), so a late timer delays one packet, not the rate; the round trip's excess over the")
    o.append("configured value is the event loop's timer and wake-up cost, about what the raw round trip shows.")
    o.append("")
    o.append("```")
    o.extend(line.rstrip("\n") for line in open(path))
    o.append("```")
    o.append(END)
    return o


def splice(doc, sec):
    text = open(doc).read()
    block = "\n".join(sec)
    if BEGIN in text and END in text:
        text = re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), lambda m: block, text, flags=re.S)
    elif "## Raw JMH output" in text:
        text = text.replace("## Raw JMH output", block + "\n\n## Raw JMH output", 1)
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    open(doc, "w").write(text)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--shaping", required=True)
    ap.add_argument("--date", required=True)
    ap.add_argument("--cmd", required=True)
    ap.add_argument("--doc", default="docs/benchmarks.md")
    a = ap.parse_args()
    splice(a.doc, section(a.shaping, a.date, a.cmd))
