using System.Net;
using TaskManager.IntegrationTests.Infrastructure;

namespace TaskManager.IntegrationTests.Database;

/// <summary>
/// A write whose connection fails, before its commit or after it (the acknowledgement lost), is retried by the
/// execution strategy of PostgreSQL and SQL Server; either way it is applied exactly once and answered as a success.
/// SQLite's strategy does not retry: a failure there is the request's.
/// </summary>
[TestFixtureSource(typeof(TestDatabases), nameof(TestDatabases.Servers))]
public sealed class AmbiguousCommitTests(TestDatabase database)
{
    private WriteFailure _failure = null!;
    private TaskManagerApiFactory _factory = null!;
    private string _user = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public void StartApi()
    {
        _failure = new WriteFailure(database);
        _factory = new TaskManagerApiFactory(database: database, services: _failure.AddTo);
    }

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

    [TestCase(false)]
    [TestCase(true)]
    public async Task Post_WhenTheConnectionFailsAroundTheCommit_Returns201AndCreatesOneTask(bool afterCommit)
    {
        _failure.FailNextWrite(afterCommit);
        using var response = await _client.PostAsync(Api.TasksPath(_user), Api.Json("""{"title":"Once"}"""));
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(_failure.Thrown, Is.True, "the failure was injected");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body);
        var list = await (await _client.GetAsync(Api.TasksPath(_user))).BodyAsync();
        Assert.That(list.EnumerateArray().Select(t => t.Id()), Is.EqualTo(new[] { (await response.BodyAsync()).Id() }));
    }

    // The first write is the key's claim; the second, the task with the key's completion.
    [TestCase(false, 0)]
    [TestCase(true, 0)]
    [TestCase(false, 1)]
    [TestCase(true, 1)]
    public async Task Post_WithAKey_WhenTheConnectionFailsAroundTheCommitOfTheClaimOrTheWrite_Returns201Once_ThenReplays(
        bool afterCommit, int writesToPass)
    {
        // A time finer than the database keeps: the check after a lost acknowledgement must still find the rows equal.
        var now = DateTime.UtcNow;
        _factory.Clock.Set(new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond) + 1234, TimeSpan.Zero));
        _failure.FailNextWrite(afterCommit, writesToPass);
        using var response = await PostWithKeyAsync();
        var body = await response.Content.ReadAsStringAsync();
        using var replay = await PostWithKeyAsync();
        _factory.Clock.Reset();

        Assert.That(_failure.Thrown, Is.True, "the failure was injected");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body);
        var list = await (await _client.GetAsync(Api.TasksPath(_user))).BodyAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(replay.Headers.GetValues("Idempotent-Replayed"), Is.EqualTo(new[] { "true" }));
            Assert.That(await replay.Content.ReadAsStringAsync(), Is.EqualTo(body));
            Assert.That(list.EnumerateArray().Select(t => t.Id()), Is.EqualTo(new[] { (await response.BodyAsync()).Id() }));
        });
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task Patch_WhenTheConnectionFailsAroundTheCommit_TogglesOnce(bool afterCommit)
    {
        var id = (await _client.CreateTaskAsync(_user)).Id();

        _failure.FailNextWrite(afterCommit);
        using var response = await _client.SendAsync(HttpMethod.Patch, Api.TaskPath(_user, id) + "/complete");
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(_failure.Thrown, Is.True, "the failure was injected");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        var (task, etag) = await _client.GetTaskAsync(_user, id);
        Assert.Multiple(async () =>
        {
            Assert.That((await response.BodyAsync()).GetProperty("completed").GetBoolean(), Is.True);
            Assert.That(task.GetProperty("completed").GetBoolean(), Is.True, "toggled once, not twice");
            Assert.That(etag, Is.EqualTo("\"v2\""));
        });
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task Put_WithIfMatch_WhenTheConnectionFailsAroundTheCommit_Returns200(bool afterCommit)
    {
        var id = (await _client.CreateTaskAsync(_user)).Id();

        _failure.FailNextWrite(afterCommit);
        using var response = await _client.SendAsync(HttpMethod.Put, Api.TaskPath(_user, id), """{"title":"Renamed"}""",
            headers => headers.IfMatch.ParseAdd("\"v1\""));
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(_failure.Thrown, Is.True, "the failure was injected");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        var (task, etag) = await _client.GetTaskAsync(_user, id);
        Assert.Multiple(() =>
        {
            Assert.That(task.GetProperty("title").GetString(), Is.EqualTo("Renamed"));
            Assert.That(etag, Is.EqualTo("\"v2\""));
        });
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task Delete_WhenTheConnectionFailsAroundTheCommit_Returns204(bool afterCommit)
    {
        var id = (await _client.CreateTaskAsync(_user)).Id();

        _failure.FailNextWrite(afterCommit);
        using var response = await _client.DeleteAsync(Api.TaskPath(_user, id));
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(_failure.Thrown, Is.True, "the failure was injected");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), body);
        using var get = await _client.GetAsync(Api.TaskPath(_user, id));
        Assert.That(get.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    private Task<HttpResponseMessage> PostWithKeyAsync() =>
        _client.SendAsync(HttpMethod.Post, Api.TasksPath(_user), """{"title":"Once"}""",
            headers => headers.TryAddWithoutValidation("Idempotency-Key", "ambiguous"));
}
