-- wrk script for bench/run.sh: args = scenario, rows file ("user token task_id" per line), offset or cursor.
local rows = {}
local scenario
local counter = 0

function setup(thread)
  thread:set("seed", math.random(1, 1000000))
end

local offset = "0"

function init(args)
  scenario = args[1]
  offset = args[3] or "0"
  for line in io.lines(args[2]) do
    local user, token, task = line:match("(%S+) (%S+) (%S+)")
    rows[#rows + 1] = { user = user, token = token, task = task }
  end
  math.randomseed(os.time() + (seed or 0))
end

function request()
  counter = counter + 1
  local row = rows[math.random(#rows)]
  local headers = { ["Authorization"] = "Bearer " .. row.token }
  local base = "/api/" .. row.user .. "/tasks"
  if scenario == "list" then
    return wrk.format("GET", base .. "?limit=20", headers)
  elseif scenario == "page" then
    return wrk.format("GET", base .. "?limit=20&offset=" .. offset, headers)
  elseif scenario == "cursor" then
    return wrk.format("GET", base .. "?limit=20&cursor=" .. offset, headers)
  elseif scenario == "get" then
    return wrk.format("GET", base .. "/" .. row.task, headers)
  elseif scenario == "create" then
    headers["Content-Type"] = "application/json"
    return wrk.format("POST", base, headers, '{"title":"bench ' .. counter .. '"}')
  elseif scenario == "update" then
    headers["Content-Type"] = "application/json"
    return wrk.format("PUT", base .. "/" .. row.task, headers, '{"title":"bench ' .. counter .. '"}')
  else
    return wrk.format("PATCH", base .. "/" .. row.task .. "/complete", headers)
  end
end

function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format(
    'RESULT {"requests":%d,"duration_us":%d,"socket_errors":%d,"non_2xx":%d,"p50_us":%d,"p99_us":%d}\n',
    summary.requests, summary.duration, errors, summary.errors.status, latency:percentile(50), latency:percentile(99)))
end
