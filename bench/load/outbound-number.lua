-- wrk script: GET /api/v1/contacts/{random id}/outbound-number with an API key.
-- Environment: API_KEY, MIN_ID, MAX_ID.
local key = os.getenv("API_KEY")
local min_id = tonumber(os.getenv("MIN_ID"))
local max_id = tonumber(os.getenv("MAX_ID"))
local channels = { "sms", "voice", "mms" }

function setup(thread)
  thread:set("seed", math.random(1, 1000000))
end

function init(args)
  math.randomseed(seed)
end

function request()
  local id = math.random(min_id, max_id)
  local channel = channels[math.random(1, #channels)]
  return wrk.format("GET", "/api/v1/contacts/" .. id .. "/outbound-number?channel=" .. channel,
    { ["Authorization"] = "Bearer " .. key })
end

function done(summary, latency, requests)
  io.write(string.format("requests: %d, errors (non-2xx/3xx): %d, socket errors: %d\n", summary.requests,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write +
    summary.errors.timeout))
  io.write(string.format("requests/s: %.0f, p50: %.2f ms, p99: %.2f ms, max: %.2f ms\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000))
end
