using System.Net;
using System.Text.Json;
using TaskManager.IntegrationTests.Infrastructure;

namespace TaskManager.IntegrationTests.Sync;

/// <summary>GET /api/{user_id}/tasks/events in process: events, resuming, heartbeats, expiry, the cap, and refusals.</summary>
[TestFixtureSource(typeof(TestDatabases), nameof(TestDatabases.All))]
public sealed class LiveEventsTests(TestDatabase database)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private TaskManagerApiFactory _factory = null!;
    private string _user = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public void StartApi() => _factory = new TaskManagerApiFactory(
        new Dictionary<string, string?>
        {
            ["Sync:HeartbeatSeconds"] = "1",
            ["Sync:MaxStreamsPerUser"] = "2",
            ["Auth:ClockSkewSeconds"] = "1",
        },
        database: database);

    [OneTimeTearDown]
    public void StopApi() => _factory.Dispose();

    [SetUp]
    public void NewUser()
    {
        _user = Api.NewUserId();
        _client = _factory.ClientFor(_user);
    }

    [TearDown]
    public void DisposeClient() => _client.Dispose();

    [Test]
    public async Task Stream_DeliversEachChangeAsTheFeedShowsIt()
    {
        await using var stream = await EventStreamClient.OpenAsync(StreamClient(), _user);
        var task = await _client.CreateTaskAsync(_user, """{"title":"live"}""");
        using (await _client.SendAsync(HttpMethod.Put, Api.TaskPath(_user, task.Id()), """{"title":"renamed"}"""))
        using (await _client.SendAsync(HttpMethod.Patch, Api.TaskPath(_user, task.Id()) + "/complete"))
        using (await _client.DeleteAsync(Api.TaskPath(_user, task.Id())))
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
        var first = await _client.CreateTaskAsync(_user, """{"title":"first"}""");
        string lastId;
        await using (var stream = await EventStreamClient.OpenAsync(StreamClient(), _user, since: (await _client.ReadPageAsync(_user)).GetProperty("next").GetString()))
        {
            using (await _client.SendAsync(HttpMethod.Put, Api.TaskPath(_user, first.Id()), """{"title":"seen"}"""))
            {
            }

            lastId = (await stream.NextAsync(Wait))!.Id!;
        }

        var second = await _client.CreateTaskAsync(_user, """{"title":"missed"}""");
        using (await _client.SendAsync(HttpMethod.Put, Api.TaskPath(_user, first.Id()), """{"title":"missed too"}"""))
        {
        }

        await using var resumed = await EventStreamClient.OpenAsync(StreamClient(), _user, withHeader ? lastId : null, withHeader ? null : lastId);
        var missed = new[] { await resumed.NextAsync(Wait), await resumed.NextAsync(Wait) };
        var third = await _client.CreateTaskAsync(_user, """{"title":"live"}""");
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
        await using var stream = await EventStreamClient.OpenAsync(StreamClient(), _user);
        await _client.CreateTaskAsync(_user, """{"title":"one"}""");
        var id = (await stream.NextAsync(Wait))!.Id!;
        var later = await _client.CreateTaskAsync(_user, """{"title":"two"}""");

        var page = await _client.ReadPageAsync(_user, id);

        Assert.That(page.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("task").Id()), Is.EqualTo(new[] { later.Id() }));
    }

    [Test]
    public async Task SilentStream_SendsKeepAliveComments()
    {
        await using var stream = await EventStreamClient.OpenAsync(StreamClient(), _user);

        Assert.That(async () => await stream.NextAsync(TimeSpan.FromSeconds(3.5)), Throws.TypeOf<TimeoutException>());
        Assert.That(stream.Comments, Has.Count.GreaterThanOrEqualTo(2).And.All.EqualTo(": keep-alive"));
    }

    [Test]
    public async Task Stream_ClosesWhenTheTokenExpires()
    {
        var token = Tokens.Sign(new Dictionary<string, object> { ["sub"] = _user, ["exp"] = Tokens.Expiry(TimeSpan.FromSeconds(2)) });
        using var client = _factory.CreateDefaultClient(new Uri("http://localhost"));
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        await using var stream = await EventStreamClient.OpenAsync(client, _user);
        var opened = DateTime.UtcNow;

        await stream.ReadToEndAsync(TimeSpan.FromSeconds(10));

        // exp is whole seconds and the skew is 1 s: the stream ends at most about 3 s after it opened.
        Assert.That(DateTime.UtcNow - opened, Is.LessThan(TimeSpan.FromSeconds(4.5)));
    }

    [Test]
    public async Task OneStreamMoreThanTheCap_Returns429WithRetryAfter_UntilOneCloses()
    {
        var first = await EventStreamClient.OpenAsync(StreamClient(), _user);
        await using var second = await EventStreamClient.OpenAsync(StreamClient(), _user);
        using var refused = await EventStreamClient.SendAsync(_client, _user);
        await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.That(refused.Headers.RetryAfter, Is.Not.Null);

        await first.DisposeAsync();
        var reopened = HttpStatusCode.TooManyRequests;
        for (var attempt = 0; attempt < 50 && reopened == HttpStatusCode.TooManyRequests; attempt++)
        {
            using var response = await EventStreamClient.SendAsync(StreamClient(), _user);
            reopened = response.StatusCode;
            await Task.Delay(reopened == HttpStatusCode.OK ? 0 : 100);
        }

        Assert.That(reopened, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task NoToken_Returns401_AnotherUsersPath_Returns403()
    {
        using var anonymous = _factory.ClientWithToken(null);
        using var noToken = await EventStreamClient.SendAsync(anonymous, _user);
        using var otherPath = await EventStreamClient.SendAsync(_client, Api.NewUserId());

        await noToken.AssertProblemAsync(HttpStatusCode.Unauthorized);
        await otherPath.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task MalformedLastEventId_Returns400NamingSince(bool withHeader)
    {
        using var response = await EventStreamClient.SendAsync(_client, _user, withHeader ? "forged" : null, withHeader ? null : "forged");

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.ErrorsFor("since"), Is.Not.Empty);
    }

    // The plain test client: the conformance checker reads whole bodies, and a stream never ends.
    private HttpClient StreamClient()
    {
        var client = _factory.CreateDefaultClient(new Uri("http://localhost"));
        client.DefaultRequestHeaders.Authorization = new("Bearer", Tokens.Valid(_user));
        return client;
    }
}
