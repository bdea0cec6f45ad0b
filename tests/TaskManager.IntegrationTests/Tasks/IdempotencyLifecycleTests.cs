using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TaskManager.Infrastructure.Persistence;
using TaskManager.IntegrationTests.Infrastructure;

namespace TaskManager.IntegrationTests.Tasks;

/// <summary>
/// An Idempotency-Key over time: racing requests, while its request runs, when that request dies, across a restart,
/// after the retention.
/// </summary>
[TestFixtureSource(typeof(TestDatabases), nameof(TestDatabases.All))]
public sealed class IdempotencyLifecycleTests(TestDatabase database)
{
    private const string Header = "Idempotency-Key";
    private const string Replayed = "Idempotent-Replayed";
    private const string Body = """{"title":"Once"}""";

    [Test]
    public async Task Post_RacingWithTheSameKey_CreatesOneTask_AndEveryOtherAnswerIsAReplayOr409()
    {
        const int racers = 8;
        using var factory = new TaskManagerApiFactory(database: database);
        var user = Api.NewUserId();
        // The first client starts the API: racing clients would each start one.
        using var reader = factory.ClientFor(user);
        using var start = new ManualResetEventSlim();
        var results = Enumerable.Range(0, racers).Select(_ => Task.Run(async () =>
        {
            using var client = factory.ClientFor(user);
            start.Wait();
            using var response = await PostAsync(client, user, "race", Body);
            return (response.StatusCode, Replayed: response.Headers.Contains(Replayed));
        })).ToArray();
        start.Set();
        var answers = await Task.WhenAll(results);

        var summary = string.Join(", ", answers);
        Assert.Multiple(async () =>
        {
            Assert.That(answers.Count(a => a is { StatusCode: HttpStatusCode.Created, Replayed: false }), Is.EqualTo(1), summary);
            Assert.That(answers.All(a => a.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict), Is.True, summary);
            Assert.That(await CountTasksAsync(reader, user), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task WhileTheFirstRequestRuns_TheSameKeyIs409_AnotherBodyIs422_AndAfterwardsItReplays()
    {
        var gate = new GatedSaves();
        using var factory = new TaskManagerApiFactory(database: database, services: gate.AddTo);
        var user = Api.NewUserId();
        using var client = factory.ClientFor(user);

        gate.Arm();
        var first = PostAsync(client, user, "in-flight", Body);
        await gate.Entered;
        using (var same = await PostAsync(client, user, "in-flight", Body))
        using (var other = await PostAsync(client, user, "in-flight", """{"title":"Other"}"""))
        {
            await same.AssertProblemAsync(HttpStatusCode.Conflict);
            await other.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        }

        gate.Release();
        using var created = await first;
        using var replay = await PostAsync(client, user, "in-flight", Body);

        Assert.Multiple(async () =>
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(replay.Headers.GetValues(Replayed), Is.EqualTo(new[] { "true" }));
            Assert.That(await replay.Content.ReadAsStringAsync(), Is.EqualTo(await created.Content.ReadAsStringAsync()));
            Assert.That(await CountTasksAsync(client, user), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task AClaimThatOutlivesTheInFlightWindow_IsTakenOver_AndTheLateRequestWritesNothing()
    {
        var gate = new GatedSaves();
        using var factory = new TaskManagerApiFactory(database: database, services: gate.AddTo);
        var user = Api.NewUserId();
        using var client = factory.ClientFor(user);

        // The first request stalls as a dead process's would; past Idempotency:InFlightSeconds its retry takes the key.
        gate.Arm();
        var stalled = PostAsync(client, user, "lapsed", Body);
        await gate.Entered;
        factory.Clock.Advance(TimeSpan.FromSeconds(61));
        using var retry = await PostAsync(client, user, "lapsed", Body);
        gate.Release();
        using var late = await stalled;
        using var replay = await PostAsync(client, user, "lapsed", Body);

        Assert.Multiple(async () =>
        {
            Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(retry.Headers.Contains(Replayed), Is.False);
            await late.AssertProblemAsync(HttpStatusCode.Conflict);
            Assert.That(await replay.Content.ReadAsStringAsync(), Is.EqualTo(await retry.Content.ReadAsStringAsync()));
            Assert.That(await CountTasksAsync(client, user), Is.EqualTo(1), "the late request's task was rolled back");
        });
    }

    [Test]
    public async Task AfterARestart_TheKeyStillReplays()
    {
        var name = $"taskmanager_test_{Guid.NewGuid():N}";
        var user = Api.NewUserId();
        try
        {
            string firstBody;
            using (var before = new TaskManagerApiFactory(database: database, databaseName: name))
            using (var client = before.ClientFor(user))
            using (var created = await PostAsync(client, user, "restart", Body))
            {
                Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
                firstBody = await created.Content.ReadAsStringAsync();
            }

            using var after = new TaskManagerApiFactory(database: database, databaseName: name);
            using var restarted = after.ClientFor(user);
            using var replay = await PostAsync(restarted, user, "restart", Body);

            Assert.That(replay.Headers.GetValues(Replayed), Is.EqualTo(new[] { "true" }));
            Assert.That(await replay.Content.ReadAsStringAsync(), Is.EqualTo(firstBody));
            Assert.That(await CountTasksAsync(restarted, user), Is.EqualTo(1));
        }
        finally
        {
            TestDatabases.Drop(database, name);
        }
    }

    [Test]
    public async Task AKey_IsKeptForTheRetention_ThenPurgedByTheService_AndFreeAgain()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var factory = new TaskManagerApiFactory(database: database, services: s => s.AddSingleton<TimeProvider>(clock));
        var user = Api.NewUserId();
        // Valid on the API's clock, which the test moves a day on.
        using var client = factory.ClientWithToken(Tokens.Sign(new Dictionary<string, object> { ["sub"] = user, ["exp"] = Tokens.Expiry(TimeSpan.FromHours(30)) }));
        using var created = await PostAsync(client, user, "kept", Body);

        clock.Advance(TimeSpan.FromHours(23));
        await WaitForAsync(() => factory.Logs.Entries.Any(e => e.Contains("lapsed idempotency keys", StringComparison.Ordinal)), "a purge");
        Assert.That(await KeysOfAsync(factory, user), Is.EqualTo(1), "within the retention");
        using var replay = await PostAsync(client, user, "kept", Body);
        Assert.That(replay.Headers.GetValues(Replayed), Is.EqualTo(new[] { "true" }));

        clock.Advance(TimeSpan.FromHours(2));
        await WaitForAsync(async () => await KeysOfAsync(factory, user) == 0, "the purge of the lapsed key");
        using var again = await PostAsync(client, user, "kept", Body);

        Assert.Multiple(async () =>
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(again.Headers.Contains(Replayed), Is.False);
            Assert.That(await CountTasksAsync(client, user), Is.EqualTo(2));
        });
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string user, string key, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Api.TasksPath(user)) { Content = Api.Json(json) };
        request.Headers.TryAddWithoutValidation(Header, key);
        return await client.SendAsync(request);
    }

    private static async Task<int> CountTasksAsync(HttpClient client, string user) =>
        (await (await client.GetAsync(Api.TasksPath(user))).BodyAsync()).GetArrayLength();

    private static async Task<int> KeysOfAsync(TaskManagerApiFactory factory, string user)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TaskManagerDbContext>().IdempotencyRecords.CountAsync(r => r.UserId == user);
    }

    private static Task WaitForAsync(Func<bool> condition, string what) => WaitForAsync(() => Task.FromResult(condition()), what);

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"waited 30 s for {what}");
            await Task.Delay(50);
        }
    }
}
