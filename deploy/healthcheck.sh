#!/usr/bin/env bash
# Exits 0 when the worker's readiness endpoint says UP; needs only bash (no curl in the JRE image).
set -euo pipefail
exec 3<>"/dev/tcp/127.0.0.1/${GLIDEPATH_HTTP_PORT:-8081}"
printf 'GET /health/readiness HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
grep -q '"status":"UP"' <&3
