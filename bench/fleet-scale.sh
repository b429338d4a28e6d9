#!/usr/bin/env bash
# The fleet scale benchmark (not part of CI): COUNT modems with in-process serial lines, each with a
# scripted device holding a live TCP link to a local sink and sending one small message every
# PERIOD_MS, next to RAW plain sockets sending the same lines (the baseline), for SECONDS.
#
#   bench/fleet-scale.sh                          # 10,000 modems, 10 s period, 90 s warm-up + 600 s
#   COUNT=1000 MEASURE=60 bench/fleet-scale.sh    # a quick point
#
# The sink runs in a process of its own: each side of 10,000 links needs 10,000 descriptors.
# Results go to bench/target/fleet/COUNT-{sink,driver}.log; only 127.0.0.1 is used.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
JAR=bench/target/benchmarks.jar
COUNT=${COUNT:-10000}
PERIOD_MS=${PERIOD_MS:-10000}
WARMUP=${WARMUP:-90}
MEASURE=${MEASURE:-600}
RAW=${RAW:-100}
PORT=${PORT:-39999}
HEAP=${HEAP:-3g}
OUT=bench/target/fleet
mkdir -p "$OUT"
[ -f "$JAR" ] || mvn -B -q ${MVN_ARGS:-} -DskipTests package -pl bench -am
# Raise the soft descriptor limit as far as the hard limit allows (raising the hard one needs privileges).
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
echo "fleet-scale: $(date -u +%FT%TZ) COUNT=$COUNT PERIOD_MS=$PERIOD_MS WARMUP=$WARMUP MEASURE=$MEASURE RAW=$RAW ulimit -n $(ulimit -n) cores $(nproc)"
$JAVA -Xmx512m -cp "$JAR" dev.sim800emu.bench.fleet.ScaleSink "$PORT" "$WARMUP" "$MEASURE" > "$OUT/$COUNT-sink.log" 2>&1 &
sink=$!
sleep 2
timeout $((WARMUP + MEASURE + 300)) $JAVA -Xms$HEAP -Xmx$HEAP -cp "$JAR" dev.sim800emu.bench.fleet.FleetScale \
  "$COUNT" "$PERIOD_MS" $((WARMUP + MEASURE - 8)) "$PORT" "$RAW" > "$OUT/$COUNT-driver.log" 2>&1 || echo "driver exited $?"
wait "$sink" || true
grep -h -E '^(fleet|devices|heap|threads|result)' "$OUT/$COUNT-driver.log" "$OUT/$COUNT-sink.log"
