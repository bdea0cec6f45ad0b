using System.Net;
using System.Text.Json;
using TaskManager.IntegrationTests.Infrastructure;

namespace TaskManager.IntegrationTests.Sync;

/// <summary>GET /api/{user_id}/tasks/events in process: events, resuming, heartbeats, expiry, the cap, and refusals.</summary>
public sealed class LiveEventsTests(TestDatabase database) : ApiFixture(database)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    protected override TaskManagerApiFactory CreateFactory() => new(
        new Dictionary<string, string?>
        {
            ["Sync:HeartbeatSeconds"] = "1",
            ["Sync:MaxStreamsPerUser"] = "2",
            ["Auth:ClockSkewSeconds"] = "1",
        },
        database: Database);

    [Test]
    public async Task Stream_DeliversEachChangeAsTheFeedShowsIt()
    {
        await using var stream = await EventStreamClient.OpenAsync(StreamClient(), UserId);
        var task = await Client.CreateTaskAsync(UserId, """{"title":"live"}""");
        using (await Client.SendAsync(HttpMethod.Put, Api.TaskPath(UserId, task.Id()), """{"title":"renamed"}"""))
        using (await Client.SendAsync(HttpMethod.Patch, Api.TaskPath(UserId, task.Id()) + "/complete"))
        using (await Client.DeleteAsync(Api.TaskPath(UserId, task.Id())))
        {
        }

        var events = new List<ServerSentEvent>();
        for (var i = 0; i < 4; i++)
        {
            events.Add((await stream.NextAsync(Wait))!);
        }

        Assert.Multiple(() =>
        {
            Assert.That(events.Select(e => e.Type), Is.EqualTo(new[] { "upsert", "upsert", "upsert", "delete" }));
            Assert.That(events[0].Json.GetProperty("task").GetRawText(), Is.EqualTo(task.GetRawText()));
            Assert.That(events[1].Json.GetProperty("task").GetProperty("title").GetString(), Is.EqualTo("renamed"));
            Assert.That(events[2].Json.GetProperty("task").GetProperty("completed").GetBoolean(), Is.True);
            Assert.That(events[3].Data, Is.EqualTo($$"""{"op":"delete","id":"{{task.Id()}}"}"""));
            Assert.That(events.Select(e => e.Id), Is.All.Not.Empty);
            Assert.That(events.Select(e => e.Id), Is.Unique);
        });
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task Resume_SendsWhatWasMissedThenLiveChanges_NothingLostOrRepeated(bool withHeader)
    {
        var first = await Client.CreateTaskAsync(UserId, """{"title":"first"}""");
        string lastId;
        await using (var stream = await EventStreamClient.OpenAsync(StreamClient(), UserId, since: (await Client.ReadPageAsync(UserId)).GetProperty("next").GetString()))
        {
            using (await Client.SendAsync(HttpMethod.Put, Api.TaskPath(UserId, first.Id()), """{"title":"seen"}"""))
            {
            }

            lastId = (await stream.NextAsync(Wait))!.Id!;
        }

        var second = await Client.CreateTaskAsync(UserId, """{"title":"missed"}""");
        using (await Client.SendAsync(HttpMethod.Put, Api.TaskPath(UserId, first.Id()), """{"title":"missed too"}"""))
        {
        }

        await using var resumed = await EventStreamClient.OpenAsync(StreamClient(), UserId, withHeader ? lastId : null, withHeader ? null : lastId);
        var missed = new[] { await resumed.NextAsync(Wait), await resumed.NextAsync(Wait) };
        var third = await Client.CreateTaskAsync(UserId, """{"title":"live"}""");
        var live = await resumed.NextAsync(Wait);

        Assert.Multiple(() =>
        {
            Assert.That(missed.Select(e => e!.Json.GetProperty("task").GetProperty("title").GetString()), Is.EqualTo(new[] { "missed", "missed too" }));
            Assert.That(missed[0]!.Json.GetProperty("task").Id(), Is.EqualTo(second.Id()));
            Assert.That(live!.Json.GetProperty("task").GetRawText(), Is.EqualTo(third.GetRawText()));
        });
    }

    [Test]
    public async Task EventIds_AreFeedTokens()
    {
        await using var stream = await EventStreamClient.OpenAsync(StreamClient(), UserId);
        await Client.CreateTaskAsync(UserId, """{"title":"one"}""");
        var id = (await stream.NextAsync(Wait))!.Id!;
        var later = await Client.CreateTaskAsync(UserId, """{"title":"two"}""");

        var page = await Client.ReadPageAsync(UserId, id);

        Assert.That(page.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("task").Id()), Is.EqualTo(new[] { later.Id() }));
    }

    [Test]
    public async Task SilentStream_SendsKeepAliveComments()
    {
        await using var stream = await EventStreamClient.OpenAsync(StreamClient(), UserId);

        Assert.That(async () => await stream.NextAsync(TimeSpan.FromSeconds(3.5)), Throws.TypeOf<TimeoutException>());
        Assert.That(stream.Comments, Has.Count.GreaterThanOrEqualTo(2).And.All.EqualTo(": keep-alive"));
    }

    [Test]
    public async Task Stream_ClosesWhenTheTokenExpires()
    {
        var token = Tokens.Sign(new Dictionary<string, object> { ["sub"] = UserId, ["exp"] = Tokens.Expiry(TimeSpan.FromSeconds(2)) });
        using var client = Factory.CreateDefaultClient(new Uri("http://localhost"));
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        await using var stream = await EventStreamClient.OpenAsync(client, UserId);
        var opened = DateTime.UtcNow;

        await stream.ReadToEndAsync(TimeSpan.FromSeconds(10));

        // exp is whole seconds and the skew is 1 s: the stream ends at most about 3 s after it opened.
        Assert.That(DateTime.UtcNow - opened, Is.LessThan(TimeSpan.FromSeconds(4.5)));
    }

    [Test]
    public async Task OneStreamMoreThanTheCap_Returns429WithRetryAfter_UntilOneCloses()
    {
        var first = await EventStreamClient.OpenAsync(StreamClient(), UserId);
        await using var second = await EventStreamClient.OpenAsync(StreamClient(), UserId);
        using var refused = await EventStreamClient.SendAsync(Client, UserId);
        await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.That(refused.Headers.RetryAfter, Is.Not.Null);

        await first.DisposeAsync();
        var reopened = HttpStatusCode.TooManyRequests;
        for (var attempt = 0; attempt < 50 && reopened == HttpStatusCode.TooManyRequests; attempt++)
        {
            using var response = await EventStreamClient.SendAsync(StreamClient(), UserId);
            reopened = response.StatusCode;
            await Task.Delay(reopened == HttpStatusCode.OK ? 0 : 100);
        }

        Assert.That(reopened, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task NoToken_Returns401_AnotherUsersPath_Returns403()
    {
        using var anonymous = Factory.ClientWithToken(null);
        using var noToken = await EventStreamClient.SendAsync(anonymous, UserId);
        using var otherPath = await EventStreamClient.SendAsync(Client, Api.NewUserId());

        await noToken.AssertProblemAsync(HttpStatusCode.Unauthorized);
        await otherPath.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task MalformedLastEventId_Returns400NamingSince(bool withHeader)
    {
        using var response = await EventStreamClient.SendAsync(Client, UserId, withHeader ? "forged" : null, withHeader ? null : "forged");

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.ErrorsFor("since"), Is.Not.Empty);
    }

    // The plain test client: the conformance checker reads whole bodies, and a stream never ends.
    private HttpClient StreamClient()
    {
        var client = Factory.CreateDefaultClient(new Uri("http://localhost"));
        client.DefaultRequestHeaders.Authorization = new("Bearer", Tokens.Valid(UserId));
        return client;
    }
}
