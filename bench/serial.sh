#!/usr/bin/env bash
# The serial path's latency and the start-up time (issue 16), spliced into docs/benchmarks.md
# (sections serial-latency and startup); bench/run.sh runs it after its own report.
#
#   MVN_ARGS=-o bench/serial.sh            # build, measure, rewrite the two sections
#   SKIP_BUILD=1 bench/serial.sh           # with the jars already built
#   ROUNDS=2000 REPEATS=3 STARTUP_RUNS=3 bench/serial.sh   # quicker, noisier
#
# Only 127.0.0.1 and pseudo-terminals are used. Every step is bounded by a timeout.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
OUT=bench/target/results
ROUNDS=${ROUNDS:-7000}
REPEATS=${REPEATS:-9}
STARTUP_RUNS=${STARTUP_RUNS:-5}
mkdir -p "$OUT"

if [ -z "${SKIP_BUILD:-}" ]; then
    timeout 900 mvn -B -q ${MVN_ARGS:-} -DskipTests package -pl bench,cli -am
fi
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

latency_cmd="$JAVA -cp bench/target/benchmarks.jar dev.sim800emu.bench.SerialLatency $ROUNDS 20000 $REPEATS"
echo "== serial latency: $latency_cmd"
timeout 900 $latency_cmd | grep -v DEBUG | tee "$OUT/serial-latency.txt"

# The launcher's archive is made by the first start; the timed starts then use it.
rm -f cli/target/sim800emu*.jsa
python3 bench/startup.py 1 -- warm-up ./sim800emu > /dev/null
startup_cmd="python3 bench/startup.py $STARTUP_RUNS -- launcher ./sim800emu -- plain-java $JAVA -jar cli/target/sim800emu.jar"
echo "== start-up: $startup_cmd"
timeout 900 $startup_cmd | tee "$OUT/startup.txt"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

python3 bench/serial_report.py --latency "$OUT/serial-latency.txt" --startup "$OUT/startup.txt" \
    --date "$(date -u)" --java "$($JAVA -version 2>&1 | head -1)" --cpus "$(nproc)" \
    --load "$load_before → $load_after" \
    --git "commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet -- modem cli bench 2>/dev/null || echo ', with uncommitted changes')" \
    --latency-cmd "$latency_cmd" --startup-cmd "$startup_cmd"
echo "== updated docs/benchmarks.md (serial-latency, startup)"
