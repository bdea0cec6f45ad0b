#!/usr/bin/env bash
# Optional end-to-end check (needs Node 20+ and npm; CI does not run it): for each algorithm Better Auth's JWT plugin
# can use, start a stock Better Auth, sign a user up, take a token from /api/auth/token and from the set-auth-jwt
# header, and call a fresh TaskManager that has BETTER_AUTH_URL, with the shared secret beside it.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(cd ../.. && pwd)
free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
SECRET=an-e2e-shared-secret-of-sufficient-length-42
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT

[ -d node_modules ] || npm install --no-audit --no-fund >/dev/null
dotnet build "$ROOT/src/WebApi" -v quiet -nologo >/dev/null
API="$ROOT/src/WebApi/bin/Debug/net10.0/TaskManager.WebApi.dll"
json() { node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>console.log(JSON.parse(s)$1))"; }
code() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
failures=0
expect() { # name, expected, actual
  if [ "$2" = "$3" ]; then echo "  ok    $1: $3"; else echo "  FAIL  $1: expected $2, got $3"; failures=$((failures + 1)); fi
}

for ALG in EdDSA ES256 ES512 RS256 PS256; do
  BA=http://127.0.0.1:$(free_port)
  TM=http://127.0.0.1:$(free_port)
  ALG=$ALG BETTER_AUTH_URL=$BA node server.mjs > "$WORK/better-auth.log" 2>&1 & BA_PID=$!
  for _ in $(seq 1 40); do curl -s -o /dev/null $BA/api/auth/jwks && break; sleep 0.25; done
  kill -0 $BA_PID || { cat "$WORK/better-auth.log"; exit 1; }
  USER_ID=$(curl -s -c "$WORK/jar" -H 'Content-Type: application/json' -H "Origin: $BA" \
    -d '{"email":"ada@example.com","password":"correct-horse-battery","name":"Ada"}' $BA/api/auth/sign-up/email | json .user.id)
  TOKEN=$(curl -s -b "$WORK/jar" $BA/api/auth/token | json .token)
  HEADER_JWT=$(curl -s -D - -o /dev/null -b "$WORK/jar" $BA/api/auth/get-session | awk -F': ' 'tolower($1)=="set-auth-jwt"{print $2}' | tr -d '\r')
  SIG=${TOKEN##*.}; MID=$(( ${#SIG} / 2 )); [ "${SIG:$MID:1}" = A ] && R=B || R=A
  ALTERED="${TOKEN%.*}.${SIG:0:$MID}$R${SIG:$((MID + 1))}"

  rm -f "$WORK"/tm.db*
  ASPNETCORE_ENVIRONMENT=Production BETTER_AUTH_URL=$BA BETTER_AUTH_SECRET=$SECRET \
    ConnectionStrings__TaskManager="Data Source=$WORK/tm.db" dotnet "$API" --urls $TM > "$WORK/taskmanager.log" 2>&1 & TM_PID=$!
  for _ in $(seq 1 60); do curl -sf $TM/health/live > /dev/null && break; sleep 0.5; done
  HS256=$(ASPNETCORE_ENVIRONMENT=Production BETTER_AUTH_SECRET=$SECRET dotnet "$API" token alice | tail -n 1)

  echo "$ALG (kid $(echo "$TOKEN" | cut -d. -f1 | tr '_-' '/+' | base64 -d 2>/dev/null | json .kid))"
  expect "Better Auth token, own tasks" 200 "$(code -H "Authorization: Bearer $TOKEN" $TM/api/$USER_ID/tasks)"
  expect "Better Auth token, create a task" 201 "$(code -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{"title":"t"}' $TM/api/$USER_ID/tasks)"
  expect "set-auth-jwt token" 200 "$(code -H "Authorization: Bearer $HEADER_JWT" $TM/api/$USER_ID/tasks)"
  expect "another user's tasks" 403 "$(code -H "Authorization: Bearer $TOKEN" $TM/api/someone-else/tasks)"
  expect "altered signature" 401 "$(code -H "Authorization: Bearer $ALTERED" $TM/api/$USER_ID/tasks)"
  expect "shared-secret HS256 token beside it" 200 "$(code -H "Authorization: Bearer $HS256" $TM/api/alice/tasks)"
  kill $TM_PID $BA_PID 2>/dev/null || true
  wait $TM_PID $BA_PID 2>/dev/null || true
done

echo "$failures failed"
[ "$failures" -eq 0 ]
