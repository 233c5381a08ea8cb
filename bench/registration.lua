-- POST /api/registrations with a new email address on every request, so that
-- each one is a real registration (one D1 batch of four statements).
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

local counter = 0
request = function()
  counter = counter + 1
  local email = string.format("bench-%s-%d-%d@example.com", run_id or "x", tid, counter)
  local body = '{"serial":"BENCH-' .. tid .. '-' .. counter .. '",' ..
    '"company":{"name":"Bench d.o.o.","street":"Cesta 1","postal_code":"1000","city":"Ljubljana","country":"SI"},' ..
    '"contact":{"name":"Bench","email":"' .. email .. '","phone":"+38612345678"},' ..
    '"newsletter":false,"accept_terms":true}'
  return wrk.format("POST", "/api/registrations", {["content-type"] = "application/json"}, body)
end

init = function(args)
  run_id = args[1]
end
-- The report line shared with GET /healthz (paths are relative to the repository).
dofile("bench/report.lua")
