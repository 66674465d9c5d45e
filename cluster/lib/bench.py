#!/usr/bin/env python3
"""Load generator for cluster/bench: the same closed-loop workload against ECS and (when given)
etcd 3.4's HTTP gateway, so the two numbers are comparable.

Each client is a thread with one keep-alive HTTP connection that sends its next request when
the previous one answered (closed loop). Prints one line per workload: operations per second
and p50 / p99 latency in milliseconds.
"""
import argparse, base64, http.client, json, statistics, threading, time

def percentile(values, fraction):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]

class Target:
    """How one system is written to and read from."""
    def __init__(self, kind, endpoints, token):
        self.kind, self.endpoints, self.token = kind, endpoints, token

    def request(self, client_number, operation, key, value):
        if self.kind == "ecs":
            headers = {"Authorization": "Bearer " + self.token, "Content-Type": "application/json"}
            if operation == "write":
                return ("PUT", f"/v1/tenants/bench/sets/load/items/{key}?scope=tenant", json.dumps(value), headers)
            consistency = "linearizable" if operation == "read-linearizable" else "local"
            return ("GET", f"/v1/tenants/bench/config?env=prod&sets=load&keys={key}&consistency={consistency}", None, headers)
        encoded_key = base64.b64encode(key.encode()).decode()
        headers = {"Content-Type": "application/json"}
        if operation == "write":
            body = {"key": encoded_key, "value": base64.b64encode(json.dumps(value).encode()).decode()}
            return ("POST", "/v3/kv/put", json.dumps(body), headers)
        body = {"key": encoded_key}
        if operation == "read-local":
            body["serializable"] = True
        return ("POST", "/v3/kv/range", json.dumps(body), headers)

def run_workload(target, operation, clients, seconds, leader_only):
    latencies, errors, lock = [], [0], threading.Lock()
    deadline = time.monotonic() + seconds
    def client(number):
        endpoint = target.endpoints[0] if leader_only else target.endpoints[number % len(target.endpoints)]
        host, port = endpoint.split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=10)
        mine, sequence = [], 0
        while time.monotonic() < deadline:
            sequence += 1
            method, path, body, headers = target.request(number, operation, f"k{number % 64}", {"n": sequence})
            started = time.monotonic()
            try:
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
                response.read()
                if response.status >= 300:
                    raise RuntimeError(response.status)
                mine.append(time.monotonic() - started)
            except Exception:
                with lock:
                    errors[0] += 1
                connection.close()
                connection = http.client.HTTPConnection(host, int(port), timeout=10)
        with lock:
            latencies.extend(mine)
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    rate = len(latencies) / elapsed
    print(f"{target.kind:5} {operation:18} clients={clients:3}  {rate:9.0f} ops/s  "
          f"p50={percentile(latencies, 0.50) * 1000:7.2f} ms  p99={percentile(latencies, 0.99) * 1000:7.2f} ms"
          f"  errors={errors[0]}", flush=True)
    return rate

parser = argparse.ArgumentParser()
parser.add_argument("--kind", choices=["ecs", "etcd"], required=True)
parser.add_argument("--endpoints", required=True, help="host:port,... (the first is the leader)")
parser.add_argument("--token", default="")
parser.add_argument("--seconds", type=float, default=5)
arguments = parser.parse_args()
target = Target(arguments.kind, arguments.endpoints.split(","), arguments.token)
results = {}
for clients in (1, 16, 64):
    results[f"write-{clients}"] = run_workload(target, "write", clients, arguments.seconds, leader_only=True)
results["read-linearizable-64"] = run_workload(target, "read-linearizable", 64, arguments.seconds, leader_only=False)
results["read-local-64"] = run_workload(target, "read-local", 64, arguments.seconds, leader_only=False)
print("RESULTS " + json.dumps(results), flush=True)
