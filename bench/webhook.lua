-- POST /api/webhooks/stripe, each request a different signed event read from
-- the file that bench/fixtures.py wrote (arguments: its path, the thread count).
local requests = {}
local threads = 0
local next_request, stride

setup = function(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

-- Each thread takes every n-th event, so no event is sent twice.
init = function(args)
  stride = tonumber(args[2])
  next_request = tid
  for line in io.lines(args[1]) do
    local signature, body = line:match("^([^\t]+)\t(.*)$")
    requests[#requests + 1] = wrk.format("POST", "/api/webhooks/stripe",
      {["content-type"] = "application/json", ["stripe-signature"] = signature}, body)
  end
end

request = function()
  local r = requests[next_request]
  next_request = next_request + stride
  if next_request > #requests then next_request = tid end
  return r
end

dofile("bench/report.lua")
