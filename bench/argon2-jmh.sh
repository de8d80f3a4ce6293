#!/usr/bin/env bash
# JMH: one Argon2id derivation (the stored SMTP credentials' parameters), one thread (per-core figure). Extra args go to JMH.
set -euo pipefail
cd "$(dirname "$0")/.."
CP="$(bench/classpath.sh)"
source bench/jdk.sh
exec java -cp "$CP" org.openjdk.jmh.Main 'org.vaultmail.auth.smtp.Argon2idBenchmark' -t 1 -rf json -rff target/argon2-jmh.json "$@"
