#!/usr/bin/env bash
# The real clients against the live service, as CI runs them (.ci/run calls this after `dotnet test`):
#   1. publishes the API (Release) to a temporary folder and starts it on 127.0.0.1 with a fresh SQLite database,
#      a random BETTER_AUTH_SECRET and Cors:AllowedOrigins naming the browser test's page origin;
#   2. runs the Postman collection with newman, then the browser test (CORS and /docs) in Debian's Chromium, then
#      the MCP client on /mcp (@modelcontextprotocol/sdk), all pinned in e2e/package-lock.json and installed with
#      `npm ci`;
#   3. stops the API and writes $E2E_RESULTS_DIR/e2e.counts ("passed=N failed=N", every newman assertion, browser
#      check and MCP check), next to newman's JSON/JUnit reports and the browser and MCP tests' JSON.
# Exits non-zero if anything failed. Needs the .NET SDK, Node 20 and npm; installs chromium with apt when
# /usr/bin/chromium is missing (or set CHROMIUM_PATH to a Chromium or Chrome of your own).
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
results=${E2E_RESULTS_DIR:-$root/TestResults}
mkdir -p "$results"
rm -f "$results/e2e.counts" "$results/newman.json" "$results/newman.xml" "$results/browser.json" "$results/mcp.json"
work=$(mktemp -d /tmp/taskmanager-e2e.XXXXXX)
api_pid=

newman_passed=0 newman_failed=0 browser_passed=0 browser_failed=0 mcp_passed=0 mcp_failed=0 setup_failed=0

finish() {
  if [ -n "$api_pid" ] && kill -0 "$api_pid" 2>/dev/null; then
    kill "$api_pid" && wait "$api_pid" 2>/dev/null
  fi
  local passed=$((newman_passed + browser_passed + mcp_passed)) failed=$((newman_failed + browser_failed + mcp_failed + setup_failed))
  echo "passed=$passed failed=$failed" >"$results/e2e.counts"
  echo "e2e: newman assertions ok $newman_passed, failed $newman_failed; browser checks ok $browser_passed, failed $browser_failed; MCP checks ok $mcp_passed, failed $mcp_failed; set-up failures $setup_failed"
  rm -rf "$work"
}
trap finish EXIT

fail_setup() {
  echo "e2e: $*" >&2
  setup_failed=1
  exit 1
}

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

# A JSON report's counts: node prints "passed failed", or nothing if the report is missing or unreadable.
counts() { node -e "const report = JSON.parse(require('fs').readFileSync(process.argv[1], 'utf8')); $1" "$2" 2>/dev/null; }

# A client's "passed failed": its report's counts, where a non-zero exit with no failure counted, or no check passed,
# is one failure more (a client that died early must not pass). Arguments: exit status, counts script, report.
tally() {
  local passed failed
  read -r passed failed <<<"$(counts "$2" "$3")"
  passed=${passed:-0} failed=${failed:-0}
  if [ "$1" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
  if [ "$passed" -eq 0 ]; then failed=$((failed + 1)); fi
  echo "$passed $failed"
}

# ---- tools ----
chromium=${CHROMIUM_PATH:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
  echo "e2e: $chromium is missing: installing Debian's chromium with apt" >&2
  sudo=; [ "$(id -u)" -ne 0 ] && sudo=sudo
  { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium; } >&2 \
    || fail_setup "could not install chromium"
  chromium=/usr/bin/chromium
fi
npm ci --prefix e2e --no-audit --no-fund --loglevel=error >&2 || fail_setup "npm ci in e2e/ failed"

# ---- the service ----
dotnet publish src/WebApi -c Release -o "$work/publish" --nologo -v q >&2 || fail_setup "dotnet publish failed"
api_port=$(free_port)
page_port=$(free_port)
api=http://127.0.0.1:$api_port
secret=$(node -e 'console.log(require("crypto").randomBytes(36).toString("base64url"))')  # 48 characters

# Production, so nothing from appsettings.Development.json (its secret, its docs switch) is in play.
env -u DATABASE_URL -u BETTER_AUTH_URL \
  ASPNETCORE_ENVIRONMENT=Production \
  ASPNETCORE_URLS="$api" \
  BETTER_AUTH_SECRET="$secret" \
  Database__Provider=Sqlite \
  ConnectionStrings__TaskManager="Data Source=$work/taskmanager.db" \
  Cors__AllowedOrigins__0="http://127.0.0.1:$page_port" \
  Docs__Enabled=true \
  dotnet "$work/publish/TaskManager.WebApi.dll" >"$results/e2e-api.log" 2>&1 &
api_pid=$!

ready=
for _ in $(seq 1 120); do
  kill -0 "$api_pid" 2>/dev/null || { cat "$results/e2e-api.log" >&2; fail_setup "the API exited at start-up"; }
  if curl -fsS -o /dev/null "$api/health/ready" 2>/dev/null; then ready=1; break; fi
  sleep 0.5
done
[ -n "$ready" ] || fail_setup "the API was not ready within 60 s"
echo "e2e: the API is up on $api" >&2

# ---- newman ----
e2e/node_modules/.bin/newman run postman/TaskManager.postman_collection.json \
  -e postman/TaskManager.postman_environment.json \
  --env-var "baseUrl=$api" --env-var "betterAuthSecret=$secret" \
  --reporters cli,json,junit --color off \
  --reporter-json-export "$results/newman.json" --reporter-junit-export "$results/newman.xml"
newman_status=$?
read -r newman_passed newman_failed <<<"$(tally "$newman_status" '
  const run = report.run;
  const failed = run.failures.length;  // failed assertions, and script or request errors
  console.log(run.stats.assertions.total - run.stats.assertions.failed, failed);' "$results/newman.json")"

# ---- the browser ----
API_URL="$api" BETTER_AUTH_SECRET="$secret" ALLOWED_ORIGIN="http://127.0.0.1:$page_port" CHROMIUM_PATH="$chromium" \
  CHECK_DOCS=1 RESULTS_FILE="$results/browser.json" node e2e/browser.test.mjs
read -r browser_passed browser_failed <<<"$(tally $? 'console.log(report.passed, report.failed);' "$results/browser.json")"

# ---- the MCP client ----
API_URL="$api" BETTER_AUTH_SECRET="$secret" RESULTS_FILE="$results/mcp.json" node e2e/mcp.test.mjs
read -r mcp_passed mcp_failed <<<"$(tally $? 'console.log(report.passed, report.failed);' "$results/mcp.json")"

[ $((newman_failed + browser_failed + mcp_failed)) -eq 0 ]
