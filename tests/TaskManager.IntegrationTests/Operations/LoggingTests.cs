using System.Net;
using TaskManager.IntegrationTests.Infrastructure;

namespace TaskManager.IntegrationTests.Operations;

/// <summary>Logs at every level never hold a token or the secret; request logs are structured and carry the trace id.</summary>
public sealed class LoggingTests
{
    [Test]
    public async Task Logs_OfStartupAndRequestsWithTokens_HoldNeitherTokenNorSecret()
    {
        using var factory = new TaskManagerApiFactory(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
        });
        var user = Api.NewUserId();
        var valid = Tokens.Valid(user);
        var forged = Tokens.Sign(new Dictionary<string, object> { ["sub"] = user, ["exp"] = Tokens.Expiry(TimeSpan.FromMinutes(5)) },
            secret: "an-attackers-guess-at-the-secret-000000000000");
        var expired = Tokens.Sign(new Dictionary<string, object> { ["sub"] = user, ["exp"] = Tokens.Expiry(TimeSpan.FromHours(-1)) });

        foreach (var token in new[] { valid, forged, expired })
        {
            using var client = factory.ClientWithToken(token);
            using var _ = await client.PostAsync(Api.TasksPath(user), Api.Json("""{"title":"logged"}"""));
        }

        var logs = factory.Logs.All;
        Assert.That(factory.Logs.Entries, Has.Count.GreaterThan(10), "trace logging was on");
        Assert.Multiple(() =>
        {
            foreach (var token in new[] { valid, forged, expired })
            {
                Assert.That(logs, Does.Not.Contain(token));
                Assert.That(logs, Does.Not.Contain(token.Split('.')[2]), "not even the signature");
            }

            Assert.That(logs, Does.Not.Contain(TaskManagerApiFactory.Secret));
        });
    }

    [Test]
    public async Task RequestLog_IsStructuredWithStatusAndTraceId()
    {
        using var factory = new TaskManagerApiFactory(new Dictionary<string, string?> { ["Logging:LogLevel:TaskManager.Requests"] = "Information" });
        var user = Api.NewUserId();
        using var client = factory.ClientFor(user);

        using var response = await client.GetAsync(Api.TaskPath(user, "nope"));
        var traceId = (await response.BodyAsync()).GetProperty("trace_id").GetString()!;

        var line = factory.Logs.Entries.Single(e => e.Contains("TaskManager.Requests", StringComparison.Ordinal) && e.Contains("/nope", StringComparison.Ordinal));
        Assert.That(line, Does.Contain("StatusCode=404").And.Contain($"TraceId={traceId}").And.Contain("Method=GET"));
    }

    [Test]
    public async Task RequestLog_WithShippedSettings_KeepsServerFailuresOnly()
    {
        // Every task request is a 503.
        using var factory = TaskManagerApiFactory.WithUnreachableDatabase();
        var user = Api.NewUserId();
        using var client = factory.ClientFor(user);

        using var failed = await client.GetAsync(Api.TasksPath(user));
        using var forbidden = await client.GetAsync(Api.TasksPath(Api.NewUserId()));
        using var live = await client.GetAsync("/health/live");

        Assert.That(new[] { failed.StatusCode, forbidden.StatusCode, live.StatusCode },
            Is.EqualTo(new[] { HttpStatusCode.ServiceUnavailable, HttpStatusCode.Forbidden, HttpStatusCode.OK }));
        var lines = factory.Logs.Entries.Where(e => e.Contains("TaskManager.Requests", StringComparison.Ordinal)).ToList();
        Assert.That(lines, Has.Count.EqualTo(1));
        Assert.That(lines[0], Does.StartWith("Warning ").And.Contain("StatusCode=503"));
    }
}
