#!/usr/bin/env bash
# Measures what --record costs (RecordingOverheadBenchmark: AT round trip and CIPSEND loop on a modem
# without and one with the recorder, with the raw reply-server baseline): the JMH table, then the
# same pairs in alternating slices of one process (InterleavedPairs, on / off: the median of the pair
# ratios decides). docs/benchmarks.md keeps the result in its "recording" section (bench/run.sh
# leaves this benchmark out and keeps the section).
#
#   MVN_ARGS=-o bench/recording.sh
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
timeout 600 mvn -B -q ${MVN_ARGS:-} -DskipTests package -pl bench -am
JMH_ARGS=${JMH_ARGS:-"-wi 2 -w 2s -i 5 -r 2s"}
timeout 600 $JAVA -jar bench/target/benchmarks.jar RecordingOverheadBenchmark $JMH_ARGS
pairs="$JAVA -Xms256m -Xmx256m -cp bench/target/benchmarks.jar dev.sim800emu.bench.InterleavedPairs RecordingOverheadBenchmark"
for m in "cipsendOn cipsendOff" "atOkOn atOkOff"; do
    echo "== $pairs $m ${PAIRS:-40 400}"
    timeout 300 $pairs $m ${PAIRS:-40 400}
done
