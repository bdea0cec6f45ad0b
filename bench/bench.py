#!/usr/bin/env python3
"""bench/run.sh's driver: seeds both databases, mints tokens, alternates wrk runs between the service and the reference
(or, with BENCH_BASELINE, another build of the service), and prints the table (and writes it as JSON)."""
import base64, hashlib, hmac, json, os, platform, sqlite3, statistics, subprocess, sys, time, urllib.request, uuid, datetime

OUT = sys.argv[1]
USERS = int(os.environ.get("BENCH_USERS", "200"))
TASKS = 20
DURATION = os.environ.get("BENCH_SECONDS", "10")
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
# Tiered compilation needs about 15 s of load to settle on these machines: each app gets two passes over every scenario.
WARMUP = int(os.environ.get("BENCH_WARMUP_SECONDS", "4"))
DATABASE = os.environ.get("BENCH_DATABASE", "sqlite")
POSTGRES = os.environ.get("BENCH_POSTGRES") or os.environ.get("TASKMANAGER_TEST_POSTGRES", "")
BASELINE = os.environ.get("BENCH_BASELINE", "")
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


def libpq(npgsql, database=None):
    """An Npgsql connection string as libpq's key=value form, for psql."""
    keys = {"host": "host", "port": "port", "username": "user", "user id": "user", "password": "password", "database": "dbname"}
    pairs = dict(part.split("=", 1) for part in npgsql.split(";") if "=" in part)
    conninfo = {keys[k.strip().lower()]: v for k, v in pairs.items() if k.strip().lower() in keys}
    if database:
        conninfo["dbname"] = database
    return " ".join(f"{k}={v}" for k, v in conninfo.items())


def psql(sql, database=None, stdin=None):
    subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", libpq(POSTGRES, database), "-c", sql], input=stdin, text=True, check=True,
                   stdout=subprocess.DEVNULL)


class App:
    """db: an SQLite file, or with BENCH_DATABASE=postgres the name of a database made for this app."""
    def __init__(self, name, command, db, postgres=False):
        self.name, self.command, self.db, self.postgres = name, command, db, postgres
        self.port = free_port()
        if postgres:
            psql(f'CREATE DATABASE "{db}"')
            database = {"Database__Provider": "Postgres", "ConnectionStrings__TaskManager": f"{POSTGRES.rstrip(';')};Database={db}"}
        else:
            database = {"ConnectionStrings__TaskManager": f"Data Source={db}"}
        env = dict(os.environ, BETTER_AUTH_SECRET=SECRET, ASPNETCORE_URLS=f"http://127.0.0.1:{self.port}",
                   ASPNETCORE_ENVIRONMENT="Production", **database,
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

    def cpu_seconds(self):
        fields = open(f"/proc/{self.process.pid}/stat").read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def peak_rss_mb(self):
        with open(f"/proc/{self.process.pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        return 0.0

    def stop(self):
        self.process.terminate()
        self.process.wait(30)
        if self.postgres:
            psql(f'DROP DATABASE IF EXISTS "{self.db}" WITH (FORCE)')


TASK_INSERT = "INSERT INTO tasks (id, user_id, title, description, completed, created_at, updated_at, version) VALUES (?,?,?,?,?,?,?,?)"


def seed_values(rows):
    """USERS users with TASKS tasks each, the same for every app; rows gets "user token task" per task for wrk."""
    start = datetime.datetime(2026, 1, 1)
    values = []
    for u in range(USERS):
        user = f"bench-user-{u}"
        for t in range(TASKS):
            task = uuid.uuid4()
            stamp = (start + datetime.timedelta(seconds=u * TASKS + t)).strftime("%Y-%m-%d %H:%M:%S")
            values.append((str(task).upper(), user, f"Task {t} of {user}", None, t % 2, stamp, stamp, 1))
            rows.append(f"{user} {token(user)} {task}")
    return values


# What the migration that creates the changes feed runs (ChangesFeedBackfill.Sql): every seeded task is a change of its user,
# so that writes update feed rows and counters as they do in a database that has been in use.
FEED_BACKFILL = """
INSERT INTO task_changes (task_id, user_id, sequence, deleted_at)
SELECT id, user_id, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY created_at, id), NULL FROM tasks;
INSERT INTO change_counters (user_id, last_sequence, forgotten_through)
SELECT user_id, MAX(sequence), 0 FROM task_changes GROUP BY user_id;
"""


def seed(app, values):
    if app.postgres:
        lines = "".join(f"{id.lower()}\t{user}\t{title}\t\\N\t{'t' if done else 'f'}\t{at}+00\t{at}+00\t{v}\n"
                        for id, user, title, _, done, at, _, v in values)
        psql("\\copy tasks (id, user_id, title, description, completed, created_at, updated_at, version) FROM pstdin", app.db, lines)
        psql(FEED_BACKFILL + "ANALYZE;", app.db)
        return
    connection = sqlite3.connect(app.db, timeout=30)
    connection.executemany(TASK_INSERT, values)
    connection.executescript(FEED_BACKFILL)
    connection.commit()
    connection.close()


def wrk(app, scenario, rows_file, duration, *extra):
    cpu = app.cpu_seconds()
    result = subprocess.run(["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{duration}s", "--latency", "-s", os.path.join(HERE, "scenario.lua"),
                             app.url, "--", scenario, rows_file, *extra], capture_output=True, text=True, check=True)
    line = next(l for l in result.stdout.splitlines() if l.startswith("RESULT "))
    data = json.loads(line[len("RESULT "):])
    return {"rps": data["requests"] / (data["duration_us"] / 1e6), "p50_ms": data["p50_us"] / 1000, "p99_ms": data["p99_us"] / 1000,
            "errors": data["socket_errors"] + data["non_2xx"], "cpu_us": (app.cpu_seconds() - cpu) * 1e6 / max(data["requests"], 1)}


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
        connection.executemany(TASK_INSERT, rows(f"growth-user-{u}", 100, u * 100))
    connection.executemany(TASK_INSERT, rows("growth-big", 50_000, 0))
    connection.executescript(FEED_BACKFILL)
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


def spread(values, digits=0):
    return f"{min(values):,.{digits}f}–{max(values):,.{digits}f}"


def main():
    postgres = DATABASE == "postgres"
    if postgres and not POSTGRES:
        sys.exit("BENCH_DATABASE=postgres needs BENCH_POSTGRES (or TASKMANAGER_TEST_POSTGRES): an Npgsql connection string")
    run_id = uuid.uuid4().hex[:8]

    def database(name):
        return f"taskmanager_bench_{name}_{run_id}" if postgres else os.path.join(OUT, f"{name}.db")

    # What the service is measured against: the no-layer reference (SQLite only), another build of the service
    # (BENCH_BASELINE, a folder holding a published TaskManager.WebApi.dll: one change measured at a time), or nothing.
    other = "baseline" if BASELINE else None if postgres else "reference"
    apps = {"service": App("service", ["dotnet", os.path.join(OUT, "service", "TaskManager.WebApi.dll")], database("service"), postgres)}
    if other == "baseline":
        apps[other] = App(other, ["dotnet", os.path.join(os.path.abspath(BASELINE), "TaskManager.WebApi.dll")], database(other), postgres)
    elif other == "reference":
        apps[other] = App(other, ["dotnet", os.path.join(OUT, "reference", "TaskManager.Bench.Reference.dll")], database(other))
    first = {name: app.first_response("bench-user-0") for name, app in apps.items()}
    rows = []
    values = seed_values(rows)
    for app in apps.values():
        seed(app, values)
    rows_file = os.path.join(OUT, "rows.txt")
    with open(rows_file, "w") as f:
        f.write("\n".join(rows) + "\n")

    # Every scenario is warmed up (JIT, caches) before any is measured, in two passes so that tiered compilation settles.
    # Creates go to users outside the measured set, so that every measured list still holds its 20 tasks.
    warm_file = os.path.join(OUT, "warm-rows.txt")
    with open(warm_file, "w") as f:
        f.write("\n".join(f"bench-warm-{u} {token(f'bench-warm-{u}')} x" for u in range(20)) + "\n")
    warmup = {name: [] for name in apps}
    for name, app in apps.items():
        for _ in range(2):
            warmup[name].append({s: wrk(app, s, warm_file if s == "create" else rows_file, WARMUP)["rps"] for s in SCENARIOS})

    # Rounds alternate the apps, and which goes first, so that the machine's noise falls on both.
    results = {name: {s: [] for s in SCENARIOS} for name in apps}
    for scenario in SCENARIOS:
        for round in range(ROUNDS):
            for name in (list(apps) if round % 2 == 0 else list(reversed(apps))):
                results[name][scenario].append(wrk(apps[name], scenario, rows_file, DURATION))
    peak = {name: app.peak_rss_mb() for name, app in apps.items()}
    for app in apps.values():
        app.stop()

    table = []
    for scenario in SCENARIOS:
        s = results["service"][scenario]
        rps = [x["rps"] for x in s]
        row = {"scenario": scenario, "service_rps": statistics.median(rps), "service_rps_range": [min(rps), max(rps)],
               "service_p50_ms": statistics.median(x["p50_ms"] for x in s), "service_p99_ms": max(x["p99_ms"] for x in s),
               "service_cpu_us": statistics.median(x["cpu_us"] for x in s), "service_errors": sum(x["errors"] for x in s)}
        read = scenario in ("list", "get")
        row["meets"] = row["service_errors"] == 0 and (not read or row["service_p99_ms"] <= TARGETS["p99_ms"])
        if other:
            o = results[other][scenario]
            ratios = [a["rps"] / b["rps"] for a, b in zip(s, o)]
            row.update({"other_rps": statistics.median(x["rps"] for x in o), "other_rps_range": [min(x["rps"] for x in o), max(x["rps"] for x in o)],
                        "other_p99_ms": max(x["p99_ms"] for x in o), "other_cpu_us": statistics.median(x["cpu_us"] for x in o),
                        "ratio": statistics.median(ratios), "ratio_range": [min(ratios), max(ratios)]})
            if other == "reference":
                row["target_ratio"] = TARGETS["reads"] if read else TARGETS["writes"]
                row["meets"] = row["meets"] and row["ratio"] >= row["target_ratio"]
        table.append(row)

    machine = f"{platform.node()} · {os.cpu_count()} cores · {platform.processor() or platform.machine()} · load {os.getloadavg()[0]:.1f}"
    against = {"reference": "the reference", "baseline": f"the baseline build {BASELINE}", None: "nothing"}[other]
    print(f"\nTaskManager benchmark · {DATABASE} · {machine} · wrk {CONNECTIONS} connections · {USERS} users × {TASKS} tasks · "
          f"{ROUNDS}×{DURATION}s per app and scenario after 2×{WARMUP}s of each, against {against}, alternated\n")
    print(f"{'scenario':<10}{'service req/s (rounds)':>26}{other or '':>12}{' req/s (rounds)' if other else '':>26}{'ratio (rounds)':>20}"
          f"{'p50 ms':>8}{'p99 ms':>8}{'other p99':>10}{'CPU µs/req':>12}{'errors':>8}  ok")
    for r in table:
        line = f"{r['scenario']:<10}{r['service_rps']:>10,.0f} ({spread(r['service_rps_range'])})".ljust(36)
        if other:
            line += f"{r['other_rps']:>12,.0f} ({spread(r['other_rps_range'])})".ljust(38) + f"{r['ratio']:>6.2f} ({spread(r['ratio_range'], 2)})".ljust(20)
        line += f"{r['service_p50_ms']:>8.2f}{r['service_p99_ms']:>8.2f}{r.get('other_p99_ms', 0):>10.2f}"
        line += f"{r['service_cpu_us']:>7.0f}" + (f" / {r['other_cpu_us']:.0f}" if other else "") + f"{r['service_errors']:>8}  {'yes' if r['meets'] else 'NO'}"
        print(line)
    settle = {s: warmup["service"][1][s] / warmup["service"][0][s] for s in SCENARIOS}
    print("\nwarm-up, service: second pass / first pass req/s: " + ", ".join(f"{s} {v:.2f}" for s, v in settle.items()))
    print("peak RSS: " + ", ".join(f"{name} {mb:.0f} MB" for name, mb in peak.items()) + f" (target for the service ≤ {TARGETS['rss_mb']})")
    print("first successful response after process start: " + ", ".join(f"{name} {t:.2f} s" for name, t in first.items())
          + f" (target for the service ≤ {TARGETS['first_response_s']})")
    report = {"machine": machine, "database": DATABASE, "against": other, "connections": int(CONNECTIONS), "users": USERS, "tasks_per_user": TASKS,
              "seconds": int(DURATION), "rounds": ROUNDS, "warmup_seconds": WARMUP, "scenarios": table, "warmup_rps": warmup,
              "peak_rss_mb": peak, "first_response_s": first, "runs": results, "targets": TARGETS}
    if os.environ.get("BENCH_GROWTH", "1") == "1" and not postgres:
        report["growth"] = growth()
    path = os.path.join(OUT, "results.json")
    with open(path, "w") as f:
        json.dump(report, f, indent=2)
    print(f"\nJSON: {path}")
    ok = all(r["meets"] for r in table) and peak["service"] <= TARGETS["rss_mb"] and first["service"] <= TARGETS["first_response_s"]
    print("all targets met" if ok else "some targets NOT met")


if __name__ == "__main__":
    main()
