using System.Diagnostics;
using System.Net;
using TaskManager.IntegrationTests.Infrastructure;

namespace TaskManager.IntegrationTests.Database;

/// <summary>A database that cannot be reached is a 503 with Retry-After, never a 500 with a driver message.</summary>
public sealed class DatabaseFailureTests
{
    [Test]
    public async Task Requests_WhenTheDatabaseIsUnreachable_Return503WithRetryAfter()
    {
        using var factory = TaskManagerApiFactory.WithUnreachableDatabase();
        var user = Api.NewUserId();
        using var client = factory.ClientFor(user);

        using var list = await client.GetAsync(Api.TasksPath(user));
        using var create = await client.PostAsync(Api.TasksPath(user), Api.Json("""{"title":"t"}"""));
        using var ready = await client.GetAsync("/health/ready");
        using var health = await client.GetAsync("/health");
        using var live = await client.GetAsync("/health/live");

        foreach (var response in new[] { list, create })
        {
            var problem = await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
            Assert.That(response.Headers.RetryAfter, Is.Not.Null);
            Assert.That(problem.ToString(), Does.Not.Contain("Npgsql").And.Not.Contain("127.0.0.1"));
        }

        Assert.Multiple(() =>
        {
            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(ready.Headers.RetryAfter, Is.Not.Null);
            Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }
}

/// <summary>The real server stopped and started under the running service: 503 while it is down, recovery without a restart.</summary>
[TestFixtureSource(typeof(DatabaseRestartTests), nameof(Controlled))]
[NonParallelizable]
public sealed class DatabaseRestartTests(TestDatabase database)
{
    public static IEnumerable<TestDatabase> Controlled() =>
        TestDatabases.Servers().Where(d => d == TestDatabase.Postgres
            && !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(TestDatabases.PostgresControlVariable)));

    [Test]
    public async Task Service_WhenTheDatabaseStopsAndStarts_Answers503ThenRecoversByItself()
    {
        using var factory = new TaskManagerApiFactory(database: database);
        var user = Api.NewUserId();
        using var client = factory.ClientFor(user);
        var id = (await client.CreateTaskAsync(user)).GetProperty("id").GetString()!;

        Control("stop");
        try
        {
            using var down = await client.GetAsync(Api.TaskPath(user, id));
            await down.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
            using var write = await client.PostAsync(Api.TasksPath(user), Api.Json("""{"title":"while down"}"""));
            await write.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
            using var ready = await client.GetAsync("/health/ready");
            using var live = await client.GetAsync("/health/live");
            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
        finally
        {
            Control("start");
        }

        var recovered = HttpStatusCode.ServiceUnavailable;
        for (var attempt = 0; attempt < 60 && recovered != HttpStatusCode.OK; attempt++)
        {
            using var response = await client.GetAsync(Api.TaskPath(user, id));
            recovered = response.StatusCode;
            await Task.Delay(recovered == HttpStatusCode.OK ? 0 : 500);
        }

        Assert.That(recovered, Is.EqualTo(HttpStatusCode.OK));
        using var list = await client.GetAsync(Api.TasksPath(user));
        Assert.That((await list.BodyAsync()).GetArrayLength(), Is.EqualTo(1), "the write refused while down was not applied later");
    }

    private static void Control(string command)
    {
        var script = Environment.GetEnvironmentVariable(TestDatabases.PostgresControlVariable)!;
        using var process = Process.Start(new ProcessStartInfo(script, [command]) { UseShellExecute = false })!;
        process.WaitForExit(TimeSpan.FromSeconds(60));
        Assert.That(process.ExitCode, Is.Zero, $"{script} {command}");
    }
}
