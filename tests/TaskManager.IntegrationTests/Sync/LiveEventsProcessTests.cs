using System.Diagnostics;
using System.Net;
using TaskManager.IntegrationTests.Database;
using TaskManager.IntegrationTests.Infrastructure;

namespace TaskManager.IntegrationTests.Sync;

/// <summary>Live events between real processes: across instances, through a database restart, and at SIGTERM.</summary>
[NonParallelizable]
public sealed class LiveEventsProcessTests
{
    public static IEnumerable<TestDatabase> Postgres() => TestDatabases.Servers().Where(d => d == TestDatabase.Postgres);

    [TestCaseSource(nameof(Postgres))]
    public async Task ChangeThroughOneInstance_ReachesAStreamOnTheOther_WithinTwoSeconds(TestDatabase database)
    {
        var name = $"taskmanager_test_{Guid.NewGuid():N}";
        var user = Api.NewUserId();
        try
        {
            var settings = TestDatabases.NewDatabaseSettings(database, name);
            using var first = await ApiProcess.StartAsync(settings);
            using var second = await ApiProcess.StartAsync(settings);
            using var streamClient = first.StreamClientFor(user);
            using var writer = second.ClientFor(user);
            await using var stream = await EventStreamClient.OpenAsync(streamClient, user);
            // The first request of a new process pays for its start-up; the 2 s are for the event's way between them.
            using (await writer.GetAsync(Api.TasksPath(user)))
            {
            }

            for (var i = 0; i < 3; i++)
            {
                var clock = Stopwatch.StartNew();
                var task = await writer.CreateTaskAsync(user, $$"""{"title":"through the second {{i}}"}""");
                var seen = await stream.NextAsync(TimeSpan.FromSeconds(2));
                clock.Stop();

                Assert.That(seen!.Json.GetProperty("task").GetRawText(), Is.EqualTo(task.GetRawText()));
                TestContext.Out.WriteLine($"event {i} after {clock.ElapsedMilliseconds} ms (the write's own time included)");
            }
        }
        finally
        {
            TestDatabases.Drop(database, name);
        }
    }

    [TestCaseSource(typeof(DatabaseRestartTests), nameof(DatabaseRestartTests.Controlled))]
    public async Task DatabaseRestart_UnderAnOpenStream_LosesNoEvent(TestDatabase database)
    {
        var name = $"taskmanager_test_{Guid.NewGuid():N}";
        var user = Api.NewUserId();
        try
        {
            var settings = TestDatabases.NewDatabaseSettings(database, name);
            using var api = await ApiProcess.StartAsync(settings);
            using var writer = api.ClientFor(user);
            var client = new ResumingClient(api, user);
            await client.ConnectAsync();
            var written = new List<string> { (await writer.CreateTaskAsync(user, """{"title":"before"}""")).Id() };
            await client.ReadUntilAsync(written, TimeSpan.FromSeconds(5));

            Control("stop");
            try
            {
                using var refused = await writer.PostAsync(Api.TasksPath(user), Api.Json("""{"title":"while down"}"""));
                Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            }
            finally
            {
                Control("start");
            }

            for (var i = 0; written.Count < 4 && i < 120; i++)
            {
                using var response = await writer.PostAsync(Api.TasksPath(user), Api.Json($$"""{"title":"after {{i}}"}"""));
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    written.Add((await response.BodyAsync()).Id());
                }
                else
                {
                    await Task.Delay(250);
                }
            }

            var received = await client.ReadUntilAsync(written, TimeSpan.FromSeconds(30));

            Assert.That(received, Is.EqualTo(written), $"reconnections: {client.Reconnections}\n{api.Output}");
        }
        finally
        {
            TestDatabases.Drop(database, name);
        }
    }

    [Test]
    public async Task Sigterm_WithOpenStreams_EndsThemAndExitsZeroWithinSeconds()
    {
        var name = $"taskmanager_test_{Guid.NewGuid():N}";
        var settings = TestDatabases.NewDatabaseSettings(TestDatabase.Sqlite, name);
        var user = Api.NewUserId();
        try
        {
            using var api = await ApiProcess.StartAsync(settings);
            using var streamClient = api.StreamClientFor(user);
            await using var one = await EventStreamClient.OpenAsync(streamClient, user);
            await using var two = await EventStreamClient.OpenAsync(streamClient, user);

            var clock = Stopwatch.StartNew();
            var exitCode = await api.TerminateAsync(TimeSpan.FromSeconds(30));
            clock.Stop();

            Assert.Multiple(() =>
            {
                Assert.That(exitCode, Is.Zero, api.Output);
                Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), api.Output);
            });
            Assert.That(await one.NextAsync(TimeSpan.FromSeconds(5)), Is.Null, "the stream ended");
        }
        finally
        {
            TestDatabases.Drop(TestDatabase.Sqlite, name);
        }
    }


    private static void Control(string command)
    {
        var script = Environment.GetEnvironmentVariable(TestDatabases.PostgresControlVariable)!;
        using var process = Process.Start(new ProcessStartInfo(script, [command]) { UseShellExecute = false })!;
        process.WaitForExit(TimeSpan.FromSeconds(60));
        Assert.That(process.ExitCode, Is.Zero, $"{script} {command}");
    }

    /// <summary>A client as the contract asks for: when its stream ends, it reconnects with its last event id.</summary>
    private sealed class ResumingClient(ApiProcess api, string user)
    {
        private readonly HttpClient _http = api.StreamClientFor(user);
        private readonly List<string> _received = [];
        private EventStreamClient? _stream;
        private string? _lastId;

        public int Reconnections { get; private set; }

        public async Task ConnectAsync()
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (true)
            {
                using var attempt = await EventStreamClient.SendAsync(_http, user, _lastId);
                if (attempt.StatusCode == HttpStatusCode.OK || DateTime.UtcNow > deadline)
                {
                    break;
                }

                await Task.Delay(250);
            }

            _stream = await EventStreamClient.OpenAsync(_http, user, _lastId);
        }

        /// <summary>Reads (reconnecting when the stream ends) until every id in <paramref name="expected"/> has arrived.</summary>
        public async Task<List<string>> ReadUntilAsync(IReadOnlyCollection<string> expected, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (!expected.All(_received.Contains) && DateTime.UtcNow < deadline)
            {
                ServerSentEvent? next;
                try
                {
                    next = await _stream!.NextAsync(deadline - DateTime.UtcNow);
                }
                catch (TimeoutException)
                {
                    break;
                }

                if (next is null)
                {
                    await _stream.DisposeAsync();
                    Reconnections++;
                    await ConnectAsync();
                    continue;
                }

                _lastId = next.Id;
                _received.Add(next.Json.GetProperty("task").Id());
            }

            return _received;
        }
    }
}
