#!/usr/bin/env python3
"""Load generator for cluster/bench: the same closed-loop workload against ECS and (when given)
etcd 3.4's HTTP gateway, so the two numbers are comparable.

The load comes from wrk (C, one event loop per thread), not from Python: a Python client tops
out long before either server does on a 2-core machine. Each wrk connection is one client that
sends its next request when the previous one answered (closed loop), over keep-alive HTTP/1.1.
A generated Lua script builds the requests (64 keys in rotation, a fresh value per write),
spreads the threads over the given endpoints and prints the result as JSON. Prints one line per
workload: operations per second, p50 / p99 latency in milliseconds, failed requests.
"""
import argparse, base64, json, os, subprocess, tempfile

KEYS = 64


def lua_string(text):
    return json.dumps(text)  # a JSON string literal is a valid Lua string literal for ASCII text


def request_function(kind, operation, token):
    """The Lua `request` function for one system and operation."""
    if kind == "ecs":
        headers = f'{{["Authorization"] = {lua_string("Bearer " + token)}, ["Content-Type"] = "application/json"}}'
        if operation == "write":
            return f"""
request = function()
    counter = counter + 1
    return wrk.format("PUT", "/v1/tenants/bench/sets/load/items/k" .. (counter % {KEYS}) .. "?scope=tenant",
        {headers}, '{{"n":' .. counter .. '}}')
end"""
        consistency = "linearizable" if operation == "read-linearizable" else "local"
        return f"""
request = function()
    counter = counter + 1
    return wrk.format("GET", "/v1/tenants/bench/config?env=prod&sets=load&keys=k" .. (counter % {KEYS})
        .. "&consistency={consistency}", {headers}, nil)
end"""
    keys = ", ".join(lua_string(base64.b64encode(f"k{n}".encode()).decode()) for n in range(KEYS))
    headers = '{["Content-Type"] = "application/json"}'
    if operation == "write":
        values = ", ".join(lua_string(base64.b64encode(json.dumps({"n": n}).encode()).decode()) for n in range(KEYS))
        return f"""
local keys = {{{keys}}}
local values = {{{values}}}
request = function()
    counter = counter + 1
    local slot = counter % {KEYS} + 1
    return wrk.format("POST", "/v3/kv/put", {headers},
        '{{"key":"' .. keys[slot] .. '","value":"' .. values[(counter * 7) % {KEYS} + 1] .. '"}}')
end"""
    serializable = ',"serializable":true' if operation == "read-local" else ""
    return f"""
local keys = {{{keys}}}
request = function()
    counter = counter + 1
    return wrk.format("POST", "/v3/kv/range", {headers},
        '{{"key":"' .. keys[counter % {KEYS} + 1] .. '"{serializable}}}')
end"""


def script(kind, operation, token, endpoints):
    """A whole wrk script: threads assigned round-robin to `endpoints`, the result as JSON."""
    hosts = ", ".join(lua_string(endpoint) for endpoint in endpoints)
    return f"""
local endpoints = {{{hosts}}}
local next_endpoint = 0
counter = 0
setup = function(thread)
    local host, port = endpoints[next_endpoint % #endpoints + 1]:match("([^:]+):(%d+)")
    next_endpoint = next_endpoint + 1
    thread.addr = wrk.lookup(host, port)[1]
end
{request_function(kind, operation, token)}
done = function(summary, latency, requests)
    local e = summary.errors
    io.write(string.format('RESULT {{"requests":%d,"micros":%d,"p50":%d,"p99":%d,"errors":%d}}\\n',
        summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
        e.connect + e.read + e.write + e.status + e.timeout))
end
"""


def run_workload(kind, operation, clients, seconds, endpoints, token):
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as file:
        file.write(script(kind, operation, token, endpoints))
        path = file.name
    threads = min(clients, len(endpoints) if len(endpoints) > 1 else 2)
    try:
        output = subprocess.run(
            ["wrk", f"-t{threads}", f"-c{clients}", f"-d{seconds}s", "--timeout", "10s", "-s", path,
             f"http://{endpoints[0]}/"],
            check=True, capture_output=True, text=True).stdout
    finally:
        os.unlink(path)
    line = [line for line in output.splitlines() if line.startswith("RESULT ")][0]
    result = json.loads(line[7:])
    rate = (result["requests"] - result["errors"]) / (result["micros"] / 1e6)
    print(f"{kind:5} {operation:18} clients={clients:3}  {rate:9.0f} ops/s  "
          f"p50={result['p50'] / 1000:7.2f} ms  p99={result['p99'] / 1000:7.2f} ms  errors={result['errors']}",
          flush=True)
    return rate


parser = argparse.ArgumentParser()
parser.add_argument("--kind", choices=["ecs", "etcd"], required=True)
parser.add_argument("--endpoints", required=True, help="host:port,... (the first is the leader)")
parser.add_argument("--token", default="")
parser.add_argument("--seconds", type=int, default=5)
arguments = parser.parse_args()
endpoints = arguments.endpoints.split(",")
results = {}
for clients in (1, 16, 64):
    results[f"write-{clients}"] = run_workload(
        arguments.kind, "write", clients, arguments.seconds, endpoints[:1], arguments.token)
for operation in ("read-linearizable", "read-local"):
    results[f"{operation}-64"] = run_workload(
        arguments.kind, operation, 64, arguments.seconds, endpoints, arguments.token)
print("RESULTS " + json.dumps(results), flush=True)
