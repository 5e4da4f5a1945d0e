-- Replays pre-signed requests from a file, one per line: METHOD \t PATH \t name:value|name:value \t BODY.
-- Requests are taken in order and wrap around at the end of the file.
-- wrk calls request() once on the first thread's script before the run, to check what it
-- returns, and never sends that one: that call gets line 1 without advancing, so line 1 is
-- still the first request sent (a later line may depend on it, as CreateRole+GetRole's do).
-- The benchmarks run wrk with one thread (-t1).
local requests = {}
local n = 0
local i = 0
local probed = false

function init(args)
  for line in io.lines(args[1]) do
    local method, path, headers, body = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
    local h = {}
    for pair in headers:gmatch("[^|]+") do
      local k, v = pair:match("^([^:]+):(.*)$")
      h[k] = v
    end
    n = n + 1
    requests[n] = wrk.format(method, path, h, body)
  end
end

function request()
  if not probed then
    probed = true
    return requests[1]
  end
  i = i + 1
  if i > n then i = 1 end
  return requests[i]
end

-- The latency tail in more detail than wrk's own --latency lines (milliseconds).
function done(summary, latency, requests)
  local out = {}
  for _, p in ipairs({50, 90, 95, 98, 99, 99.5, 99.9}) do
    out[#out + 1] = string.format("p%s=%.2f", p, latency:percentile(p) / 1000)
  end
  io.write("tail " .. table.concat(out, " ") .. "\n")
end
