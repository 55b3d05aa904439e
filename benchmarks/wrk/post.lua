-- wrk script for `make bench`: POST one fixed request, the same to every server.
--
-- Everything about the request comes from the environment, set by benchmarks/bench.py,
-- so the Python side (and its test) owns the scenarios and this file stays generic:
--   BENCH_BODY_FILE  path of the JSON body to send
--   BENCH_HEADERS    extra headers, one "name: value" per line (the key travels here,
--                    never on a command line)
--   BENCH_EXPECT     optional (smoke runs): a substring every answer must contain; when
--                    set, each answer is checked, which slows wrk, so a timed round
--                    leaves it unset.
-- done() prints one machine-readable line that bench.py parses.

local function read_file(path)
  local file = assert(io.open(path, "rb"), "cannot open BENCH_BODY_FILE " .. tostring(path))
  local text = file:read("*a")
  file:close()
  return text
end

wrk.method = "POST"
wrk.body = read_file(os.getenv("BENCH_BODY_FILE"))
wrk.headers["Content-Type"] = "application/json"
for line in (os.getenv("BENCH_HEADERS") or ""):gmatch("[^\n]+") do
  local name, value = line:match("^([^:]+):%s*(.-)%s*$")
  if name then
    wrk.headers[name] = value
  end
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

local expect = os.getenv("BENCH_EXPECT")
if expect and expect ~= "" then
  unexpected = 0
  function response(status, headers, body)
    if status ~= 200 or not body or not body:find(expect, 1, true) then
      unexpected = unexpected + 1
    end
  end
end

function done(summary, latency, requests)
  local unexpected_total = 0
  for _, thread in ipairs(threads) do
    unexpected_total = unexpected_total + (tonumber(thread:get("unexpected")) or 0)
  end
  local e = summary.errors
  io.write(string.format(
    "BENCH_RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d max_us=%d "
      .. "socket_errors=%d non2xx=%d unexpected=%d\n",
    summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99), latency.max,
    e.connect + e.read + e.write + e.timeout, e.status, unexpected_total
  ))
end
