-- wrk script of scripts/bench-api.sh: every request carries one of the personal API tokens in
-- TOKENS (comma-separated) and goes to PATH_KIND: "resource" (a random resource's status),
-- "page" (a random page of 50 of the estate), "estate" (the whole estate, downloaded every time)
-- or "estate-poll" (the whole estate as a polling script asks for it: with If-None-Match of the
-- entity tag it last received, starting from ESTATE_ETAG, so an unchanged answer is a 304).
local tokens, kind, n = {}, os.getenv("PATH_KIND"), tonumber(os.getenv("N"))
for t in string.gmatch(os.getenv("TOKENS"), "[^,]+") do tokens[#tokens + 1] = t end
local counter = 0
local etag = os.getenv("ESTATE_ETAG")
if etag == "" then etag = nil end
local threads = {}
full, unchanged = 0, 0

function setup(thread)
  counter = counter + 1
  thread:set("seed", counter)
  threads[#threads + 1] = thread
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
  local headers = { ["Authorization"] = "Bearer " .. tokens[math.random(#tokens)] }
  if kind == "estate-poll" and etag then
    headers["If-None-Match"] = etag
  end
  return wrk.format("GET", path, headers)
end

if os.getenv("PATH_KIND") == "estate-poll" then
  function response(status, headers, body)
    if status == 200 then
      etag = headers["ETag"]
      full = full + 1
    elseif status == 304 then
      unchanged = unchanged + 1
    end
  end
end

function done(summary, latency, requests)
  if kind == "estate-poll" then
    local f, u = 0, 0
    for _, t in ipairs(threads) do
      f, u = f + (t:get("full") or 0), u + (t:get("unchanged") or 0)
    end
    io.write(string.format("estate-poll answers: %d full (200), %d not modified (304)\n", f, u))
  end
  local e = summary.errors
  io.write(string.format(
    "api-latency %s p50=%.1fms p99=%.1fms max=%.1fms rps=%.1f requests=%d errors=%d\n",
    kind, latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.requests / (summary.duration / 1e6), summary.requests,
    e.status + e.connect + e.read + e.write + e.timeout))
end
