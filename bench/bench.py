#!/usr/bin/env python3
"""bench/run.sh's driver: seeds both databases, mints tokens, alternates wrk runs between the service and the reference,
and prints the table (and writes it as JSON)."""
import base64, hashlib, hmac, json, os, platform, sqlite3, subprocess, sys, time, urllib.request, uuid, datetime

OUT = sys.argv[1]
USERS = int(os.environ.get("BENCH_USERS", "200"))
TASKS = 20
DURATION = os.environ.get("BENCH_SECONDS", "10")
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "2"))
CONNECTIONS = "16"
SECRET = "bench-only-secret-" + uuid.uuid4().hex
SCENARIOS = ["list", "get", "update", "complete", "create"]
TARGETS = {"reads": 0.7, "writes": 0.6, "p99_ms": 5.0, "rss_mb": 150, "first_response_s": 1.5}
HERE = os.path.dirname(os.path.abspath(__file__))


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def token(user):
    header = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    payload = b64(json.dumps({"sub": user, "exp": int(time.time()) + 7200}).encode())
    signature = hmac.new(SECRET.encode(), f"{header}.{payload}".encode(), hashlib.sha256).digest()
    return f"{header}.{payload}.{b64(signature)}"


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class App:
    def __init__(self, name, command, db):
        self.name, self.command, self.db = name, command, db
        self.port = free_port()
        env = dict(os.environ, BETTER_AUTH_SECRET=SECRET, ASPNETCORE_URLS=f"http://127.0.0.1:{self.port}",
                   ASPNETCORE_ENVIRONMENT="Production", ConnectionStrings__TaskManager=f"Data Source={db}",
                   RateLimiting__PermitLimit="1000000000", DOTNET_gcServer=os.environ.get("BENCH_GC_SERVER", ""))
        if not env["DOTNET_gcServer"]:
            del env["DOTNET_gcServer"]
        self.started = time.monotonic()
        # Run from the app's folder, as a service manager would: its appsettings.json is found through the content root.
        self.process = subprocess.Popen(command, env=env, cwd=os.path.dirname(command[-1]), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.url = f"http://127.0.0.1:{self.port}"

    def first_response(self, user):
        """Seconds from process start to the first successful authenticated API response."""
        request = urllib.request.Request(f"{self.url}/api/{user}/tasks", headers={"Authorization": f"Bearer {token(user)}"})
        while time.monotonic() - self.started < 60:
            try:
                with urllib.request.urlopen(request, timeout=2) as response:
                    if response.status == 200:
                        return time.monotonic() - self.started
            except Exception:
                time.sleep(0.01)
        raise RuntimeError(f"{self.name} did not answer")

    def peak_rss_mb(self):
        with open(f"/proc/{self.process.pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        return 0.0

    def stop(self):
        self.process.terminate()
        self.process.wait(30)


def seed(db, rows):
    connection = sqlite3.connect(db, timeout=30)
    start = datetime.datetime(2026, 1, 1)
    values = []
    for u in range(USERS):
        user = f"bench-user-{u}"
        for t in range(TASKS):
            task = uuid.uuid4()
            stamp = (start + datetime.timedelta(seconds=u * TASKS + t)).strftime("%Y-%m-%d %H:%M:%S")
            values.append((str(task).upper(), user, f"Task {t} of {user}", None, t % 2, stamp, stamp, 1))
            rows.append(f"{user} {token(user)} {task}")
    connection.executemany("INSERT INTO tasks (id, user_id, title, description, completed, created_at, updated_at, version) VALUES (?,?,?,?,?,?,?,?)", values)
    connection.commit()
    connection.close()


def wrk(app, scenario, rows_file, duration, *extra):
    result = subprocess.run(["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{duration}s", "--latency", "-s", os.path.join(HERE, "scenario.lua"),
                             app.url, "--", scenario, rows_file, *extra], capture_output=True, text=True, check=True)
    line = next(l for l in result.stdout.splitlines() if l.startswith("RESULT "))
    data = json.loads(line[len("RESULT "):])
    return {"rps": data["requests"] / (data["duration_us"] / 1e6), "p50_ms": data["p50_us"] / 1000, "p99_ms": data["p99_us"] / 1000,
            "errors": data["socket_errors"] + data["non_2xx"]}


def cursor_at(app, user, position):
    """The cursor of the page that starts at position, reached the way a client would: following rel="next"."""
    import re, urllib.parse
    url = f"{app.url}/api/{user}/tasks?limit=500"
    seen = 0
    while True:
        request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token(user)}"})
        with urllib.request.urlopen(request, timeout=30) as response:
            seen += len(json.load(response))
            target = re.search(r"<([^>]+)>", response.headers["Link"]).group(1)
        cursor = urllib.parse.parse_qs(urllib.parse.urlparse(target).query)["cursor"][0]
        if seen >= position:
            return urllib.parse.quote(cursor)
        url = app.url + target


def growth():
    """1,000,000 tasks over 10,000 users plus one user with 50,000: a page must cost the same as on a small table."""
    db = os.path.join(OUT, "growth.db")
    app = App("service", ["dotnet", os.path.join(OUT, "service", "TaskManager.WebApi.dll")], db)
    app.first_response("bench-user-0")
    connection = sqlite3.connect(db, timeout=30)
    start = datetime.datetime(2026, 1, 1)
    def rows(user, count, base):
        for t in range(count):
            stamp = (start + datetime.timedelta(seconds=base + t)).strftime("%Y-%m-%d %H:%M:%S")
            yield (str(uuid.uuid4()).upper(), user, f"Task {t}", None, t % 2, stamp, stamp, 1)
    for u in range(10_000):
        connection.executemany("INSERT INTO tasks VALUES (?,?,?,?,?,?,?,?)", rows(f"growth-user-{u}", 100, u * 100))
    connection.executemany("INSERT INTO tasks VALUES (?,?,?,?,?,?,?,?)", rows("growth-big", 50_000, 0))
    connection.commit()
    # Fold the seed out of the write-ahead log, as a long-running database would have; ANALYZE as an operator would.
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.execute("ANALYZE")
    total = connection.execute("SELECT COUNT(*) FROM tasks").fetchone()[0]
    connection.close()
    normal, big = os.path.join(OUT, "growth-rows.txt"), os.path.join(OUT, "growth-big.txt")
    with open(normal, "w") as f:
        f.write("\n".join(f"growth-user-{u} {token(f'growth-user-{u}')} x" for u in range(0, 10_000, 10)) + "\n")
    with open(big, "w") as f:
        f.write(f"growth-big {token('growth-big')} x\n")
    # A thousand users' first requests fill caches (SQLite pages, rate-limit partitions, JIT): measure after them.
    wrk(app, "list", normal, 10)
    wrk(app, "page", big, 3, "40000")
    results = {"list, a user of 10,000 (100 tasks)": wrk(app, "list", normal, DURATION)}
    for offset in ["0", "1000", "40000"]:
        results[f"list, the user with 50,000 tasks, offset {offset}"] = wrk(app, "page", big, DURATION, offset)
    results["list, the user with 50,000 tasks, cursor at 40,000"] = wrk(app, "cursor", big, DURATION, cursor_at(app, "growth-big", 40_000))
    app.stop()
    print(f"\ngrowth: {total:,} tasks in the table")
    print(f"{'scenario':<52}{'req/s':>8}{'p50 ms':>8}{'p99 ms':>8}{'errors':>8}")
    for name, r in results.items():
        print(f"{name:<52}{r['rps']:>8.0f}{r['p50_ms']:>8.2f}{r['p99_ms']:>8.2f}{r['errors']:>8}")
    return {"total_tasks": total, "scenarios": results}


def main():
    apps = {
        "service": App("service", ["dotnet", os.path.join(OUT, "service", "TaskManager.WebApi.dll")], os.path.join(OUT, "service.db")),
        "reference": App("reference", ["dotnet", os.path.join(OUT, "reference", "TaskManager.Bench.Reference.dll")], os.path.join(OUT, "reference.db")),
    }
    first = {name: app.first_response("bench-user-0") for name, app in apps.items()}
    rows = {}
    for name, app in apps.items():
        rows[name] = []
        seed(app.db, rows[name])
    rows_file = os.path.join(OUT, "rows.txt")
    with open(rows_file, "w") as f:
        f.write("\n".join(rows["service"]) + "\n")
    # Both databases hold the same users and task ids: the reference gets its own copy of the service's rows.
    ref = sqlite3.connect(apps["reference"].db)
    ref.execute("DELETE FROM tasks")
    ref.execute(f"ATTACH DATABASE '{apps['service'].db}' AS s")
    ref.execute("INSERT INTO tasks SELECT id, user_id, title, description, completed, created_at, updated_at, version FROM s.tasks")
    ref.commit()
    ref.close()

    # Every scenario is warmed up (JIT, caches) before any is measured. Creates go to users outside the measured set,
    # so that every measured list still holds its 20 tasks.
    warm_file = os.path.join(OUT, "warm-rows.txt")
    with open(warm_file, "w") as f:
        f.write("\n".join(f"bench-warm-{u} {token(f'bench-warm-{u}')} x" for u in range(20)) + "\n")
    for app in apps.values():
        for scenario in SCENARIOS:
            wrk(app, scenario, warm_file if scenario == "create" else rows_file, 3)

    results = {name: {s: [] for s in SCENARIOS} for name in apps}
    for scenario in SCENARIOS:
        for _ in range(ROUNDS):
            for name in ["service", "reference"]:
                results[name][scenario].append(wrk(apps[name], scenario, rows_file, DURATION))
    peak = {name: app.peak_rss_mb() for name, app in apps.items()}
    for app in apps.values():
        app.stop()

    def mean(runs, key):
        return sum(r[key] for r in runs) / len(runs)

    table = []
    for scenario in SCENARIOS:
        s, r = results["service"][scenario], results["reference"][scenario]
        row = {"scenario": scenario, "service_rps": mean(s, "rps"), "reference_rps": mean(r, "rps"),
               "ratio": mean(s, "rps") / mean(r, "rps"), "service_p50_ms": mean(s, "p50_ms"), "service_p99_ms": max(x["p99_ms"] for x in s),
               "reference_p99_ms": max(x["p99_ms"] for x in r), "service_errors": sum(x["errors"] for x in s),
               "reference_errors": sum(x["errors"] for x in r)}
        target = TARGETS["reads"] if scenario in ("list", "get") else TARGETS["writes"]
        row["target_ratio"] = target
        row["meets"] = row["ratio"] >= target and row["service_errors"] == 0 and (scenario not in ("list", "get") or row["service_p99_ms"] <= TARGETS["p99_ms"])
        table.append(row)

    machine = f"{platform.node()} · {os.cpu_count()} cores · {platform.processor() or platform.machine()}"
    print(f"\nTaskManager benchmark · {machine} · wrk {CONNECTIONS} connections · {USERS} users × {TASKS} tasks · {ROUNDS}×{DURATION}s per app and scenario, alternated\n")
    print(f"{'scenario':<10}{'service req/s':>15}{'reference req/s':>17}{'ratio':>8}{'target':>8}{'p50 ms':>8}{'p99 ms':>8}{'ref p99':>9}{'errors':>8}  ok")
    for row in table:
        print(f"{row['scenario']:<10}{row['service_rps']:>15.0f}{row['reference_rps']:>17.0f}{row['ratio']:>8.2f}{row['target_ratio']:>8.2f}"
              f"{row['service_p50_ms']:>8.2f}{row['service_p99_ms']:>8.2f}{row['reference_p99_ms']:>9.2f}{row['service_errors']:>8}  {'yes' if row['meets'] else 'NO'}")
    print(f"\npeak RSS: service {peak['service']:.0f} MB (target ≤ {TARGETS['rss_mb']}), reference {peak['reference']:.0f} MB")
    print(f"first successful response after process start: service {first['service']:.2f} s (target ≤ {TARGETS['first_response_s']}), reference {first['reference']:.2f} s")
    report = {"machine": machine, "connections": int(CONNECTIONS), "users": USERS, "tasks_per_user": TASKS, "seconds": int(DURATION), "rounds": ROUNDS,
              "scenarios": table, "peak_rss_mb": peak, "first_response_s": first, "runs": results, "targets": TARGETS}
    if os.environ.get("BENCH_GROWTH", "1") == "1":
        report["growth"] = growth()
    path = os.path.join(OUT, "results.json")
    with open(path, "w") as f:
        json.dump(report, f, indent=2)
    print(f"\nJSON: {path}")
    ok = all(r["meets"] for r in table) and peak["service"] <= TARGETS["rss_mb"] and first["service"] <= TARGETS["first_response_s"]
    print("all targets met" if ok else "some targets NOT met")


if __name__ == "__main__":
    main()
