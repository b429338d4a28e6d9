#!/usr/bin/env bash
# Measures what --record costs (RecordingOverheadBenchmark: AT round trip and CIPSEND loop, record
# off and on, with the raw reply-server baseline) and prints the JMH table; docs/benchmarks.md keeps
# the result in its "recording" section (bench/run.sh leaves this benchmark out and keeps the section).
#
#   MVN_ARGS=-o bench/recording.sh
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
timeout 600 mvn -B -q ${MVN_ARGS:-} -DskipTests package -pl bench -am
JMH_ARGS=${JMH_ARGS:-"-wi 2 -w 2s -i 5 -r 2s"}
timeout 600 $JAVA -jar bench/target/benchmarks.jar RecordingOverheadBenchmark $JMH_ARGS
