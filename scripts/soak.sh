#!/usr/bin/env bash
# A long soak against the real process: scripts/soak.sh [seconds], 600 by default. CI runs the same test for 20 s.
set -euo pipefail
cd "$(dirname "$0")/.."
TASKMANAGER_SOAK_SECONDS=${1:-600} dotnet test tests/TaskManager.IntegrationTests \
  --filter "Category=Soak" --logger "console;verbosity=detailed"
