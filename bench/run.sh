#!/usr/bin/env bash
# Builds the benchmarks, runs them with short settings, and rewrites docs/benchmarks.md.
#
#   bench/run.sh                     # everything, about 7 minutes on 2 cores
#   MVN_ARGS=-o bench/run.sh         # build offline
#   JMH_ARGS="-f 1 -wi 1 -w 1s -i 2 -r 1s" PAIRS="6 300" bench/run.sh   # quicker, noisier
#
# Only 127.0.0.1 is used. Every step is bounded by a timeout.
set -euo pipefail

cd "$(dirname "$0")/.."
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
OUT=bench/target/results
JAR=bench/target/benchmarks.jar
JMH_ARGS=${JMH_ARGS:-"-f 2 -wi 2 -w 2s -i 3 -r 2s"}
MODEMS=${MODEMS:-10000}

build_cmd="mvn -B -q ${MVN_ARGS:-} -DskipTests package -pl bench,cli -am"
jmh_cmd="$JAVA -jar $JAR $JMH_ARGS -e FreshModemBenchmark,RecordingOverheadBenchmark,EngineCommandBenchmark -rf json -rff $OUT/jmh.json"
engine_cmd="$JAVA -jar $JAR EngineCommandBenchmark -prof gc -rf json -rff $OUT/engine.json"
shaping_cmd="$JAVA -cp $JAR dev.sim800emu.bench.LinkShapingAccuracy 4"
PAIRS=${PAIRS:-"20 400"}
pairs_cmd="timeout 300 $JAVA -Xms256m -Xmx256m --add-exports=java.base/sun.nio.ch=ALL-UNNAMED -cp $JAR dev.sim800emu.bench.InterleavedPairs"
footprint_cmd="$JAVA -Xms1g -Xmx1g -XX:+UseSerialGC -cp $JAR dev.sim800emu.bench.IdleModemFootprint $MODEMS"

echo "== build: $build_cmd"
timeout 600 $build_cmd
rm -rf "$OUT"
mkdir -p "$OUT"

# CPU accounting around the JMH run, to tell how much of the machine other processes took:
# all busy ticks (/proc/stat) minus the ticks of this script's children (JMH and its forks).
cpu_ticks() { awk '/^cpu /{print $2+$3+$4+$7+$8, $9}' /proc/stat; }  # busy without steal, steal
own_ticks() { awk '{print $16+$17}' /proc/$$/stat; }
read -r busy0 steal0 <<<"$(cpu_ticks)"; own0=$(own_ticks); t0=$(date +%s.%N)

echo "== JMH: $jmh_cmd"
timeout 600 $jmh_cmd | tee "$OUT/jmh.log"

read -r busy1 steal1 <<<"$(cpu_ticks)"; own1=$(own_ticks); t1=$(date +%s.%N)
contention="$busy0 $busy1 $steal0 $steal1 $own0 $own1 $t0 $t1 $(getconf CLK_TCK) $(nproc)"
echo "$contention" > "$OUT/cpu.txt"

echo "== engine alone, allocation per command: $engine_cmd"
timeout 300 $engine_cmd | tee "$OUT/engine.log"

echo "== interleaved pairs: $pairs_cmd CLASS A B $PAIRS [PARAM=VALUE]"
{
    $pairs_cmd TransparentRelayBenchmark modemTransparent rawRelay $PAIRS chunkBytes=16060
    $pairs_cmd TransparentRelayBenchmark modemTransparent rawRelay $PAIRS chunkBytes=16384
    $pairs_cmd SendThroughputBenchmark modemCipsend scriptedCipsend $PAIRS
    $pairs_cmd SendThroughputBenchmark modemCipsendQuick scriptedCipsendQuick $PAIRS
} 2>&1 | tee "$OUT/pairs.txt"

echo "== footprint: $footprint_cmd"
timeout 300 $footprint_cmd | tee "$OUT/footprint.txt"

echo "== link shaping accuracy: $shaping_cmd"
timeout 300 $shaping_cmd | tee "$OUT/shaping.txt"

changed=$(git status --porcelain -- modem 2>/dev/null | awk '{print $2}' | sed 's|.*/||' | sort -u)
dirty=""
if [ -n "$changed" ]; then
    dirty=", plus uncommitted changes to: $(echo "$changed" | head -8 | paste -sd, - | sed 's/,/, /g')"
    if [ "$(echo "$changed" | wc -l)" -gt 8 ]; then
        dirty="$dirty …"
    fi
fi
python3 bench/report.py \
    --jmh-json "$OUT/jmh.json" --jmh-log "$OUT/jmh.log" --footprint "$OUT/footprint.txt" \
    --engine-json "$OUT/engine.json" --engine-cmd "$engine_cmd" \
    --date "$(date -u)" \
    --cpus "$(nproc)" \
    --cpu "$(grep -m1 '^model name' /proc/cpuinfo | sed 's/^[^:]*: *//')" \
    --os "$(uname -sr)" \
    --java "$($JAVA -version 2>&1 | head -1)" \
    --contention "$contention" \
    --git "commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$dirty" \
    --build-cmd "$build_cmd" --jmh-cmd "$jmh_cmd" --footprint-cmd "$footprint_cmd" \
    --shaping "$OUT/shaping.txt" --shaping-cmd "$shaping_cmd" \
    --pairs "$OUT/pairs.txt" --pairs-cmd "${pairs_cmd#timeout 300 } CLASS A B $PAIRS [PARAM=VALUE]" \
    > "$OUT/benchmarks.md"
cp "$OUT/benchmarks.md" docs/benchmarks.md
echo "== wrote docs/benchmarks.md"

# The serial path's latency distributions and the start-up time (their own marked sections).
SKIP_BUILD=1 bench/serial.sh
