#!/usr/bin/env bash
# Compiles main + test classes and prints the test runtime classpath (used by the other bench scripts).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/jdk.sh
mvn -q -B -ntp -DskipTests test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >&2
echo "target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
