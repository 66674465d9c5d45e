#!/usr/bin/env python3
"""Federation drift benchmark (not a test): how long after a write is acknowledged in its home
region the change is visible in another region, under a write load.

`--clients` threads write to the home region as fast as it answers (set `load`), while a probe
sends `--count` sequential writes to set `probe`, one every `--interval` seconds. A watch on a node
of the other region (its own copy: the tenant must be `replicated`) records when each probe version
arrives; the set's version numbers are the same in every region. Drift of a probe = arrival in the
remote region - acknowledgement at home. Prints p50 / p99 / max in milliseconds and the load's
writes per second.

Usage: drift_bench.py --home HOST:PORT --remote HOST:PORT --token JWT [--tenant T] [--clients 8]
       [--count 300] [--interval 0.05]
Python standard library only.
"""
import argparse, http.client, json, sys, threading, time

from watch_bench import Watcher, line


def put(connection, headers, tenant, set_name, key, value):
    connection.request("PUT", f"/v1/tenants/{tenant}/sets/{set_name}/items/{key}?scope=tenant",
                       body=json.dumps(value), headers=headers)
    response = connection.getresponse()
    body = response.read()
    if response.status not in (200, 201):
        raise RuntimeError(f"PUT {set_name}/{key}: HTTP {response.status} {body[:300]!r}")
    return json.loads(body)


def keep_writing(endpoint, headers, tenant, number, stop, done):
    host, port = endpoint.rsplit(":", 1)
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    count = 0
    while not stop.is_set():
        put(connection, headers, tenant, "load", f"k{number}-{count % 32}", count)
        count += 1
    done.append(count)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--home", required=True, help="host:port of a node of the tenant's home region")
    parser.add_argument("--remote", required=True, help="host:port of a node of another region")
    parser.add_argument("--token", required=True)
    parser.add_argument("--tenant", default="drift")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--interval", type=float, default=0.05)
    parser.add_argument("--timeout", type=float, default=60, help="seconds to wait for the last probes")
    arguments = parser.parse_args()
    headers = {"Authorization": "Bearer " + arguments.token, "Content-Type": "application/json"}

    watcher = Watcher(arguments.remote, arguments.token, arguments.tenant, "probe", key="version")
    watcher.start()
    if not watcher.opened.wait(10) or watcher.error:
        sys.exit(f"watch on {arguments.remote} did not open: {watcher.error or 'timed out'}")

    stop, done = threading.Event(), []
    writers = [threading.Thread(target=keep_writing, daemon=True,
                                args=(arguments.home, headers, arguments.tenant, number, stop, done))
               for number in range(arguments.clients)]
    started = time.monotonic()
    for writer in writers:
        writer.start()
    host, port = arguments.home.rsplit(":", 1)
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    acknowledged = []
    for number in range(arguments.count):
        answer = put(connection, headers, arguments.tenant, "probe", f"p{number % 16}", number)
        acknowledged.append((answer["version"], time.monotonic()))
        time.sleep(arguments.interval)
    stop.set()
    for writer in writers:
        writer.join()
    elapsed = time.monotonic() - started

    deadline = time.monotonic() + arguments.timeout
    missing = sum(not watcher.wait_for(version, deadline) for version, _ in acknowledged)
    drift = [watcher.arrivals[version] - at for version, at in acknowledged if version in watcher.arrivals]
    print(f"federation drift, write acknowledged at {arguments.home} -> event in the other region at "
          f"{arguments.remote}; {arguments.count} probes under {arguments.clients} writers "
          f"({sum(done) / elapsed:.0f} writes/s at home)")
    print(line("drift", drift))
    if missing:
        sys.exit(f"{missing} probe versions never arrived in the other region")


if __name__ == "__main__":
    main()
