-- wrk script for bench/faults.py: GET the paths given after "--" (after a word unique to the
-- run) in turn; every fourth request carries a query never asked before, so the page cache
-- cannot answer it and it needs the database. Prints one JSON line: wrk's summary (latencies in microseconds) and the count
-- of answers by status.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  run = args[1]
  paths = {}
  for index = 2, #args do
    paths[index - 1] = args[index]
  end
  sent = 0
  statuses = {}
end

function request()
  sent = sent + 1
  local path = paths[(sent % #paths) + 1]
  if sent % 4 == 0 then
    local separator = string.find(path, "?", 1, true) and "&" or "?"
    path = path .. separator .. "fresh=" .. run .. "-" .. id .. "-" .. sent
  end
  return wrk.format("GET", path)
end

function response(status, headers, body)
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
end

function done(summary, latency, requests)
  local counts = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      counts[status] = (counts[status] or 0) + count
    end
  end
  local parts = {}
  for status, count in pairs(counts) do
    table.insert(parts, string.format('"%s": %d', status, count))
  end
  local errors = summary.errors
  io.write(string.format(
    'FAULTS {"requests": %d, "duration_us": %d, "socket_errors": %d, "timeouts": %d, ' ..
    '"status_errors": %d, "p50": %d, "p90": %d, "p99": %d, "max": %d, "statuses": {%s}}\n',
    summary.requests, summary.duration, errors.connect + errors.read + errors.write,
    errors.timeout, errors.status, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, table.concat(parts, ", ")))
end
