-- Shared by every bench script (paths are relative to the repository): one
-- line for scripts/bench.sh with requests/s, p50 and p99 latency (ms), the
-- count of answers that were not 2xx, and the most D1 round trips one answer
-- reported in `Server-Timing: d1;desc="N"` (the Worker runs with
-- SERVER_TIMING=on here). Loaded last, it wraps the script's own setup.
local script_setup = setup
local all_threads = {}

setup = function(thread)
  all_threads[#all_threads + 1] = thread
  if script_setup then script_setup(thread) end
end

response = function(status, headers, body)
  local timing = headers["Server-Timing"] or headers["server-timing"]
  local n = timing and tonumber(timing:match('desc="(%d+)"'))
  if n and n > (trips or 0) then trips = n end
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local bad = summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout
  local most = 0
  for _, thread in ipairs(all_threads) do
    local n = thread:get("trips")
    if n and n > most then most = n end
  end
  io.write(string.format("RESULT %.0f %.2f %.2f %d %d %d\n",
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests, bad, most))
end
