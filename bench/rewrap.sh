#!/usr/bin/env bash
# Rewrap throughput: bench/rewrap.sh [postgres|h2] [rows=100000] [batch=500] [runs=3]
set -euo pipefail
cd "$(dirname "$0")/.."
CP="$(bench/classpath.sh)"
source bench/jdk.sh
exec java -Xmx1g -cp "$CP" org.vaultmail.vault.RewrapBenchmark "$@"
