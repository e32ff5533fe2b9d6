-- wrk script of scripts/bench-api.sh: every request carries one of the personal API tokens in
-- TOKENS (comma-separated) and goes to PATH_KIND: "resource" (a random resource's status),
-- "page" (a random page of 50 of the estate) or "estate" (the whole estate).
local tokens, kind, n = {}, os.getenv("PATH_KIND"), tonumber(os.getenv("N"))
for t in string.gmatch(os.getenv("TOKENS"), "[^,]+") do tokens[#tokens + 1] = t end
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("seed", counter)
end

function init(args)
  math.randomseed(os.time() + (seed or 0))
end

function request()
  local path
  if kind == "resource" then
    path = string.format("/api/v1/resources/bench-%05d/status", math.random(0, n - 1))
  elseif kind == "page" then
    path = string.format("/api/v1/status?page=%d&size=50", math.random(1, math.floor(n / 50)))
  else
    path = "/api/v1/status"
  end
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. tokens[math.random(#tokens)] })
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "api-latency %s p50=%.1fms p99=%.1fms max=%.1fms rps=%.1f requests=%d errors=%d\n",
    kind, latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.requests / (summary.duration / 1e6), summary.requests,
    e.status + e.connect + e.read + e.write + e.timeout))
end
