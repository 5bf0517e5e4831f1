-- wrk script: node reports (SPEC §6 bodies) for N distinct nodes, as armada-monitor posts them.
--   wrk ... -s reports.lua <url> -- <mode> <nodes> <threads> <token> [offset]
-- mode "create": each node's first report once (the thread stops when its share is done): agent creation rate.
-- mode "refresh": nodes in turn, resource and service reports alternating: the steady state.
local threads = {}

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  mode = args[1] or "refresh"
  nodes = tonumber(args[2] or "10000")
  nthreads = tonumber(args[3] or "1")
  token = args[4] or ""
  offset = tonumber(args[5] or "0")
  next_id = tid
  share = math.floor((nodes - tid + nthreads - 1) / nthreads)
  answered = 0
  sent = 0
  headers = { ["Content-Type"] = "application/json", ["X-Armada-Token"] = token }
end

local function resource(id, utc)
  local n = id + offset
  return string.format(
    '{"hostname":"bench-node-%05d","ip":"10.%d.%d.%d","utc":%d,"type":"resource","node_uuid":"bench-uuid-%05d",' ..
    '"port":50002,"ports_range":["30000-40000"],"data":{"cpu":{"numbers":8,"utilization":%d.%d},' ..
    '"memory":{"available":%d,"total":17179869184,"utilization":%d.5},' ..
    '"disk":{"/":{"type":0,"total":107374182400,"used":%d,"utilization":%d.1},' ..
    '"/boot":{"type":1,"total":1063256064,"used":246792192,"utilization":23.2}},' ..
    '"diskio":{"sda":{"read_bytes":%d,"write_bytes":%d},"sda1":{"read_bytes":26844672,"write_bytes":2118144}},' ..
    '"networkio":{"eth0":{"bytes_recv":%d,"bytes_send":%d},"lo":{"bytes_recv":252337044,"bytes_send":252337044}}}}',
    n, math.floor(n / 65536) % 256, math.floor(n / 256) % 256, n % 256, utc, n,
    n % 90, n % 10, 4958343168 + n, 30 + n % 60, 11806334976 + n, 10 + n % 80,
    1217431552 + n * 7, 4599874560 + n * 3, 70831805 + n * 11, 229473046 + n * 5)
end

local function service(id, utc)
  local n = id + offset
  return string.format(
    '{"hostname":"bench-node-%05d","ip":"10.%d.%d.%d","utc":%d,"type":"service","node_uuid":"bench-uuid-%05d",' ..
    '"port":50002,"data":{"httpd":"running","libvirtd":"running","mysqld":"not found","redis":"running"}}',
    n, math.floor(n / 65536) % 256, math.floor(n / 256) % 256, n % 256, utc, n)
end

function request()
  local id = next_id
  next_id = next_id + nthreads
  if next_id >= nodes then
    next_id = tid
  end
  sent = sent + 1
  local body
  if mode == "refresh" and sent % 2 == 0 then
    body = service(id, os.time())
  else
    body = resource(id, os.time())
  end
  return wrk.format("POST", "/v1.0/reports", headers, body)
end

function response(status, hdrs, body)
  answered = answered + 1
  if mode == "create" and answered >= share then
    wrk.thread:stop()
  end
end
