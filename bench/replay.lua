-- Replays prepared POST requests from a file that bench/fixtures.py wrote,
-- one per line: PATH <TAB> "header-name: value" <TAB> JSON body. Each of the
-- wrk threads takes every n-th line (arguments: the file, the thread count),
-- so no request is sent twice.
local requests = {}
local threads = 0
local next_request, stride

setup = function(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

init = function(args)
  stride = tonumber(args[2])
  next_request = tid
  for line in io.lines(args[1]) do
    local path, header, body = line:match("^([^\t]+)\t([^\t]+)\t(.*)$")
    local name, value = header:match("^([^:]+):%s*(.*)$")
    requests[#requests + 1] = wrk.format("POST", path,
      {["content-type"] = "application/json", [name] = value}, body)
  end
end

request = function()
  local r = requests[next_request]
  next_request = next_request + stride
  if next_request > #requests then next_request = tid end
  return r
end

dofile("bench/report.lua")
