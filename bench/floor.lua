-- The floor: POST /__bench/insert, which the Worker answers (only with
-- BENCH_FLOOR=on) after exactly one D1 INSERT.
wrk.method = "POST"
dofile("bench/report.lua")
