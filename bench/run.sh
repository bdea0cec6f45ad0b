#!/usr/bin/env bash
# One command: bench/run.sh. Publishes the service and the no-layer reference (Release), starts both on fresh SQLite
# databases, seeds users with 20 tasks each, warms up, and alternates wrk runs (16 connections) between them per scenario.
# BENCH_SECONDS (10), BENCH_ROUNDS (3), BENCH_WARMUP_SECONDS (4, twice per scenario) and BENCH_USERS (200) tune it;
# results go to $BENCH_OUT (default bench/out).
# BENCH_DATABASE=postgres runs the service on PostgreSQL (BENCH_POSTGRES or TASKMANAGER_TEST_POSTGRES: an Npgsql
# connection string to a server where it may create databases; psql must be installed); the reference is SQLite-only.
# BENCH_BASELINE=<folder of a published TaskManager.WebApi> measures against that build instead of the reference.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }
out=${BENCH_OUT:-$PWD/bench/out}
rm -rf "$out" && mkdir -p "$out"
dotnet publish src/WebApi -c Release -o "$out/service" --nologo -v q
dotnet publish bench/Reference -c Release -o "$out/reference" --nologo -v q
python3 bench/bench.py "$out"
