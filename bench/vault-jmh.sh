#!/usr/bin/env bash
# JMH: vault seal/unseal, 64 B and 4 KiB, one thread (per-core figures). Extra args go to JMH.
set -euo pipefail
cd "$(dirname "$0")/.."
CP="$(bench/classpath.sh)"
source bench/jdk.sh
exec java -cp "$CP" org.openjdk.jmh.Main 'org.vaultmail.vault.VaultBenchmark' -t 1 -rf json -rff target/vault-jmh.json "$@"
