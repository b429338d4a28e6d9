#!/usr/bin/env python3
"""Reads bench/target/fleet/COUNT-{driver,sink}.log (from bench/fleet-scale.sh) and writes
docs/fleet-scale.svg: p99 latency (emulated path and raw baseline) and heap per modem against the
modem count. No plotting library needed: the SVG is written by hand. Prints a Markdown table."""
import glob
import os
import re
import sys

root = os.path.join(os.path.dirname(__file__), "..")
rows = []
for driver in glob.glob(os.path.join(root, "bench/target/fleet/*-driver.log")):
    count = int(os.path.basename(driver).split("-")[0])
    sink = driver.replace("-driver.log", "-sink.log")
    d = open(driver).read()
    s = open(sink).read() if os.path.exists(sink) else ""
    m = re.search(r"^result (.*)$", d, re.M)
    if not m:
        continue
    r = dict(kv.split("=") for kv in m.group(1).split())
    lat = {p: dict(kv.split("=") for kv in rest.split())
           for p, rest in re.findall(r"^result (emulated|raw) (.*)$", s, re.M)}
    if "emulated" not in lat:
        continue
    # Descriptors as counted once every link was up (the result line's count comes at the very end).
    up = re.search(r"^threads: \d+; file descriptors: (\d+)", d, re.M)
    if up:
        r["fds"] = up.group(1)
    rows.append(dict(count=count, heap=float(r["heap_kib_per_modem"]), start=float(r["start_rate"]),
                     up=float(r["links_up_s"]), threads=int(r["threads"]), fds=int(r["fds"]),
                     seconds=int(r["seconds"]), restarts=int(r["restarts"]),
                     e50=float(lat["emulated"]["p50_ms"]), e99=float(lat["emulated"]["p99_ms"]),
                     emax=float(lat["emulated"]["max_ms"]), n=int(lat["emulated"]["messages"]),
                     r50=float(lat["raw"]["p50_ms"]), r99=float(lat["raw"]["p99_ms"])))
rows.sort(key=lambda x: x["count"])
if not rows:
    sys.exit("no results in bench/target/fleet")
import builtins

table = []
print = table.append  # the table goes into the section below
print("| modems | messages measured | p50 / p99 emulated (ms) | p50 / p99 raw (ms) | p99 added (ms) | heap per modem (KiB) "
      "| threads | descriptors (links up) | start (modems/s) | all links up (s) | restarts |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for x in rows:
    print(f"| {x['count']:,} | {x['n']:,} | {x['e50']:.2f} / {x['e99']:.2f} | {x['r50']:.2f} / {x['r99']:.2f} "
          f"| {x['e99'] - x['r99']:.2f} | {x['heap']:.2f} | {x['threads']} | {x['fds']:,} | {x['start']:,.0f} "
          f"| {x['up']:.1f} | {x['restarts']} |")

W, H, L, B, T = 640, 300, 60, 40, 30
maxc = max(x["count"] for x in rows) * 1.05
maxl = max(max(x["e99"], x["r99"]) for x in rows) * 1.2 or 1
maxh = max(x["heap"] for x in rows) * 1.2 or 1
px = lambda c: L + (W - 2 * L) * c / maxc
py = lambda v, m: H - B - (H - B - T) * v / m
out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="11">',
       f'<rect width="{W}" height="{H}" fill="white"/>',
       f'<text x="{W/2}" y="16" text-anchor="middle" font-size="13">Fleet scale: p99 latency and heap per modem</text>',
       f'<line x1="{L}" y1="{H-B}" x2="{W-L}" y2="{H-B}" stroke="black"/>',
       f'<line x1="{L}" y1="{T}" x2="{L}" y2="{H-B}" stroke="black"/>',
       f'<line x1="{W-L}" y1="{T}" x2="{W-L}" y2="{H-B}" stroke="black"/>',
       f'<text x="{W/2}" y="{H-8}" text-anchor="middle">modems</text>',
       f'<text x="14" y="{H/2}" transform="rotate(-90 14 {H/2})" text-anchor="middle">p99 latency (ms)</text>',
       f'<text x="{W-14}" y="{H/2}" transform="rotate(90 {W-14} {H/2})" text-anchor="middle">heap per modem (KiB)</text>']
for x in rows:
    out.append(f'<text x="{px(x["count"])}" y="{H-B+14}" text-anchor="middle">{x["count"]:,}</text>')
for i in range(5):
    v = maxl * i / 4
    out.append(f'<text x="{L-4}" y="{py(v, maxl)+4}" text-anchor="end">{v:.0f}</text>')
    h = maxh * i / 4
    out.append(f'<text x="{W-L+4}" y="{py(h, maxh)+4}">{h:.0f}</text>')
for key, m, colour, label in (("e99", maxl, "#c0392b", "p99 emulated"), ("r99", maxl, "#7f8c8d", "p99 raw baseline"),
                              ("heap", maxh, "#2471a3", "heap per modem")):
    pts = " ".join(f'{px(x["count"]):.1f},{py(x[key], m):.1f}' for x in rows)
    out.append(f'<polyline points="{pts}" fill="none" stroke="{colour}" stroke-width="2"/>')
    for x in rows:
        out.append(f'<circle cx="{px(x["count"]):.1f}" cy="{py(x[key], m):.1f}" r="3" fill="{colour}"/>')
for i, (colour, label) in enumerate((("#c0392b", "p99 emulated (left)"), ("#7f8c8d", "p99 raw baseline (left)"),
                                     ("#2471a3", "heap per modem (right)"))):
    out.append(f'<rect x="{L+10}" y="{T+6+i*15}" width="10" height="10" fill="{colour}"/>')
    out.append(f'<text x="{L+25}" y="{T+15+i*15}">{label}</text>')
out.append("</svg>")
open(os.path.join(root, "docs/fleet-scale.svg"), "w").write("\n".join(out) + "\n")

note = sys.argv[1] if len(sys.argv) > 1 else ""
section = ["<!-- fleet:begin -->", "## Fleet scale (`bench/fleet-scale.sh`)", "",
           "Not part of `run.sh` or CI (each point takes minutes). Each modem of the fleet has a scripted device on its",
           "serial line (in-process) that brings up GPRS, opens a TCP link to a sink in another process and sends one",
           "line `e ID SEQ NANOS` every period; 100 plain sockets on the same event loops send `r …` lines at the same",
           "period (the raw baseline). The sink records, during the measurement window after the warm-up, the time",
           "from `NANOS` (taken when the device starts its `AT+CIPSEND`, so the prompt round trip counts) to arrival.",
           "*Added latency* is p99 emulated minus p99 raw. Heap is measured after full GCs, before the fleet and once",
           "every link is up (modems, devices, link channels and their buffers).", "",
           "![p99 latency and heap per modem against modem count](fleet-scale.svg)", ""] + table + [""]
if note:
    section += [note, ""]
section.append("<!-- fleet:end -->")
text = "\n".join(section)
path = os.path.join(root, "docs/benchmarks.md")
doc = open(path).read()
if "<!-- fleet:begin -->" in doc:
    doc = doc[:doc.index("<!-- fleet:begin -->")] + text + doc[doc.index("<!-- fleet:end -->") + len("<!-- fleet:end -->"):]
else:
    doc = doc.replace("## Raw JMH output", text + "\n\n## Raw JMH output", 1)
open(path, "w").write(doc)
builtins.print("\n".join(table))
builtins.print("wrote docs/fleet-scale.svg and the fleet section of docs/benchmarks.md")
