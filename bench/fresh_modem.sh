#!/usr/bin/env bash
# Measures the JUnit extension's fresh modem per test (FreshModemBenchmark) and prints the JMH table.
#
#   MVN_ARGS=-o bench/fresh_modem.sh
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
timeout 600 mvn -B -q ${MVN_ARGS:-} -DskipTests package -pl bench -am
JMH_ARGS=${JMH_ARGS:-"-wi 3 -w 2s -i 5 -r 2s"}
timeout 600 $JAVA -jar bench/target/benchmarks.jar FreshModemBenchmark $JMH_ARGS
