-- Print wrk's summary as one JSON line (latencies in microseconds), for bench/load.py:
-- wrk's own report has p50/p75/p90/p99 but no p95.
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "duration_us": %d, "socket_errors": %d, "status_errors": %d, ' ..
    '"p50": %d, "p95": %d, "p99": %d, "max": %d}\n',
    summary.requests, summary.duration,
    errors.connect + errors.read + errors.write + errors.timeout, errors.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
