#!/usr/bin/env python3
"""Watch latency benchmark (not a test): how long after a write is acknowledged its event reaches
the watchers of every node.

Opens one watch (GET /v1/tenants/{tenant}/watch?sets={set}) on every node, then sends `--count`
sequential item PUTs to the leader. For each write, the latency at a node is the time from the
moment the PUT's answer was read to the moment that node's watch delivered the event with the
write's index; "every node" is the slowest node's. Prints p50 / p99 in milliseconds, overall and
per node. A negative latency means the event arrived before the acknowledgement (the leader can
apply and stream before its HTTP answer is read).

Usage: watch_bench.py --endpoints LEADER,FOLLOWER,... --token JWT [--count 1000]
Python standard library only.
"""
import argparse, http.client, json, sys, threading, time


def percentile(values, fraction):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


class Watcher(threading.Thread):
    """One node's watch: records when each event arrived, by the event's `key` (its log index, or
    the set version, which is the same in every region)."""

    def __init__(self, endpoint, token, tenant, set_name, key="index"):
        super().__init__(daemon=True)
        self.endpoint, self.token, self.tenant, self.set_name, self.key = endpoint, token, tenant, set_name, key
        self.arrivals = {}
        self.opened = threading.Event()
        self.error = None
        self.lock = threading.Lock()
        self.changed = threading.Condition(self.lock)

    def run(self):
        try:
            host, port = self.endpoint.rsplit(":", 1)
            connection = http.client.HTTPConnection(host, int(port), timeout=60)
            connection.request("GET", f"/v1/tenants/{self.tenant}/watch?sets={self.set_name}",
                               headers={"Authorization": "Bearer " + self.token, "Accept": "text/event-stream"})
            response = connection.getresponse()
            if response.status != 200:
                raise RuntimeError(f"watch on {self.endpoint}: HTTP {response.status} {response.read()[:300]!r}")
            event = None
            while True:
                line = response.readline()
                if not line:
                    raise RuntimeError(f"watch on {self.endpoint} ended")
                line = line.rstrip(b"\r\n")
                if line.startswith(b": watching"):
                    self.opened.set()
                elif line.startswith(b"event:"):
                    event = line[6:].strip()
                elif line.startswith(b"data:") and event == b"config.published":
                    arrived = time.monotonic()
                    index = json.loads(line[5:])["data"][self.key]
                    with self.changed:
                        self.arrivals[index] = arrived
                        self.changed.notify_all()
                elif not line:
                    event = None
        except Exception as error:  # reported by the main thread
            self.error = error
            self.opened.set()
            with self.changed:
                self.changed.notify_all()

    def wait_for(self, index, deadline):
        """Whether the event at `index` arrived before `deadline` (a monotonic time)."""
        with self.changed:
            while index not in self.arrivals and self.error is None:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self.changed.wait(remaining)
            return index in self.arrivals


def publish(endpoint, token, tenant, set_name, count):
    """Sequential PUTs on the leader; returns [(index, acknowledged_at)]."""
    host, port = endpoint.rsplit(":", 1)
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
    acknowledged = []
    for number in range(count):
        connection.request("PUT", f"/v1/tenants/{tenant}/sets/{set_name}/items/k{number % 16}?scope=tenant",
                           body=json.dumps(number), headers=headers)
        response = connection.getresponse()
        body = response.read()
        at = time.monotonic()
        if response.status not in (200, 201):
            raise RuntimeError(f"PUT {number}: HTTP {response.status} {body[:300]!r}")
        acknowledged.append((json.loads(body)["index"], at))
    return acknowledged


def line(label, latencies):
    milliseconds = [value * 1000 for value in latencies]
    return (f"{label:22} n={len(milliseconds):5}  p50={percentile(milliseconds, 0.50):8.2f} ms"
            f"  p99={percentile(milliseconds, 0.99):8.2f} ms  max={max(milliseconds, default=float('nan')):8.2f} ms")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--endpoints", required=True, help="host:port,... of every node; the first is the leader")
    parser.add_argument("--token", required=True, help="a token with ecs:read and ecs:write on the tenant")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--tenant", default="bench")
    parser.add_argument("--set", dest="set_name", default="watch")
    parser.add_argument("--timeout", type=float, default=30, help="seconds to wait for the last events")
    arguments = parser.parse_args()
    endpoints = arguments.endpoints.split(",")

    watchers = [Watcher(endpoint, arguments.token, arguments.tenant, arguments.set_name) for endpoint in endpoints]
    for watcher in watchers:
        watcher.start()
    for watcher in watchers:
        if not watcher.opened.wait(10) or watcher.error:
            sys.exit(f"watch on {watcher.endpoint} did not open: {watcher.error or 'timed out'}")

    acknowledged = publish(endpoints[0], arguments.token, arguments.tenant, arguments.set_name, arguments.count)
    deadline = time.monotonic() + arguments.timeout
    missing = {watcher.endpoint: sum(not watcher.wait_for(index, deadline) for index, _ in acknowledged)
               for watcher in watchers}

    per_node = {watcher.endpoint: [] for watcher in watchers}
    every_node = []
    for index, at in acknowledged:
        arrivals = [watcher.arrivals.get(index) for watcher in watchers]
        for watcher, arrived in zip(watchers, arrivals):
            if arrived is not None:
                per_node[watcher.endpoint].append(arrived - at)
        if all(arrived is not None for arrived in arrivals):
            every_node.append(max(arrivals) - at)

    print(f"watch latency, write acknowledged -> event received, {arguments.count} sequential writes "
          f"on {endpoints[0]}, {len(watchers)} watches")
    print(line("every node", every_node))
    for watcher in watchers:
        role = "leader" if watcher.endpoint == endpoints[0] else "follower"
        print(line(f"{watcher.endpoint}", per_node[watcher.endpoint]) + f"  ({role}, missing {missing[watcher.endpoint]})")
    if any(missing.values()) or any(watcher.error for watcher in watchers):
        for watcher in watchers:
            if watcher.error:
                print(f"error on {watcher.endpoint}: {watcher.error}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
