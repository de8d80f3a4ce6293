#!/usr/bin/env bash
# Outbox delivery through the shared Postfix (../shared/mailserver: submission 127.0.0.1:1025):
# bench/outbox-delivery.sh [postgres|h2] [messages=300] [concurrency=4] [sentCopy=false]
set -euo pipefail
cd "$(dirname "$0")/.."
CP="$(bench/classpath.sh)"
source bench/jdk.sh
exec java -Xmx1g -cp "$CP" org.vaultmail.gateway.outbox.delivery.OutboxDeliveryBenchmark "$@"
