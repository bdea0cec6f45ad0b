using System.Net;
using System.Text.Json;
using TaskManager.IntegrationTests.Infrastructure;

namespace TaskManager.IntegrationTests.Tasks;

/// <summary>GET /api/{user_id}/tasks/{task_id} (seed T023).</summary>
public sealed class GetTaskTests(TestDatabase database) : ApiFixture(database)
{
    [Test]
    public async Task Get_OwnTask_Returns200WithTheTaskAndAStrongETag()
    {
        var created = await Client.CreateTaskAsync(UserId, """{"title":"Read","description":"A book","completed":true}""");

        using var response = await Client.GetAsync(Api.TaskPath(UserId, created.Id()));
        var task = await response.BodyAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
            Assert.That(task.ToString(), Is.EqualTo(created.ToString()));
            Assert.That(response.Headers.ETag, Is.Not.Null);
            Assert.That(response.Headers.ETag?.IsWeak, Is.False);
        });
    }

    [Test]
    public async Task Get_Twice_ReturnsTheSameETag()
    {
        var created = await Client.CreateTaskAsync(UserId);

        var (_, first) = await Client.GetTaskAsync(UserId, created.Id());
        var (_, second) = await Client.GetTaskAsync(UserId, created.Id());

        Assert.That(second, Is.EqualTo(first));
    }

    [TestCase("{etag}")]
    [TestCase("*")]
    [TestCase("W/{etag}")]
    [TestCase("\"other\", {etag}")]
    [TestCase("W/\"other\", W/{etag}")]
    public async Task Get_WithIfNoneMatchNamingTheCurrentETag_Returns304WithoutBody(string ifNoneMatch)
    {
        var created = await Client.CreateTaskAsync(UserId);
        var (_, etag) = await Client.GetTaskAsync(UserId, created.Id());

        using var response = await Client.SendAsync(
            HttpMethod.Get,
            Api.TaskPath(UserId, created.Id()),
            headers: h => h.TryAddWithoutValidation("If-None-Match", WithETag(ifNoneMatch, etag)));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
            Assert.That(body, Is.Empty);
            Assert.That(response.Headers.ETag?.ToString(), Is.EqualTo(etag));
        });
    }

    [TestCase("\"other\"")]
    [TestCase("W/\"other\"")]
    [TestCase("\"other\", W/\"another\"")]
    public async Task Get_WithIfNoneMatchNamingAnotherETag_Returns200(string ifNoneMatch)
    {
        var created = await Client.CreateTaskAsync(UserId);

        using var response = await Client.SendAsync(
            HttpMethod.Get, Api.TaskPath(UserId, created.Id()), headers: h => h.TryAddWithoutValidation("If-None-Match", ifNoneMatch));
        var task = await response.BodyAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(task.ToString(), Is.EqualTo(created.ToString()));
        });
    }

    [Test]
    public async Task Get_WithIfNoneMatchOfAnOlderVersion_Returns200WithTheNewOneAndANewETag()
    {
        var created = await Client.CreateTaskAsync(UserId);
        var (_, oldETag) = await Client.GetTaskAsync(UserId, created.Id());
        using var update = await Client.SendAsync(HttpMethod.Put, Api.TaskPath(UserId, created.Id()), """{"title":"Renamed"}""");
        Assert.That(update.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        using var response = await Client.SendAsync(
            HttpMethod.Get, Api.TaskPath(UserId, created.Id()), headers: h => h.TryAddWithoutValidation("If-None-Match", oldETag));
        var task = await response.BodyAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(task.GetProperty("title").GetString(), Is.EqualTo("Renamed"));
            Assert.That(response.Headers.ETag?.ToString(), Is.Not.EqualTo(oldETag));
        });
    }

    [TestCase("not-a-uuid")]
    [TestCase("12345")]
    [TestCase("0f8fad5b-d9cb-469f-a165-70867728950")]
    public async Task Get_WithIdThatIsNotAUuid_Returns404(string taskId)
    {
        using var response = await Client.GetAsync(Api.TaskPath(UserId, taskId));

        var problem = await response.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain(taskId));
    }

    [Test]
    public async Task Get_UnknownTask_Returns404()
    {
        var taskId = Guid.NewGuid().ToString();

        using var response = await Client.GetAsync(Api.TaskPath(UserId, taskId));

        var problem = await response.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain(taskId));
    }

    [Test]
    public async Task Get_AnotherUsersTask_Returns404()
    {
        var otherUser = Api.NewUserId();
        using var other = Factory.ClientFor(otherUser);
        var theirs = await other.CreateTaskAsync(otherUser);

        using var response = await Client.GetAsync(Api.TaskPath(UserId, theirs.Id()));

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Get_MissingTask_Returns404AlikeWhetherNotAUuidUnknownOrSomeoneElses()
    {
        var otherUser = Api.NewUserId();
        using var other = Factory.ClientFor(otherUser);
        var theirs = await other.CreateTaskAsync(otherUser);
        string[] taskIds = ["not-a-uuid", Guid.NewGuid().ToString(), theirs.Id()];

        var problems = new List<JsonElement>();
        foreach (var taskId in taskIds)
        {
            using var response = await Client.GetAsync(Api.TaskPath(UserId, taskId));
            problems.Add(await response.AssertProblemAsync(HttpStatusCode.NotFound));
        }

        // The detail names the id asked for; apart from that it is the same text for all three.
        var detailTemplate = problems[0].GetProperty("detail").GetString()!.Replace(taskIds[0], "{id}", StringComparison.Ordinal);
        Assert.Multiple(() =>
        {
            Assert.That(detailTemplate, Does.Contain("{id}"));
            for (var i = 1; i < taskIds.Length; i++)
            {
                Assert.That(Shape(problems[i]), Is.EqualTo(Shape(problems[0])), taskIds[i]);
                Assert.That(
                    problems[i].GetProperty("detail").GetString(),
                    Is.EqualTo(detailTemplate.Replace("{id}", taskIds[i], StringComparison.Ordinal)),
                    taskIds[i]);
            }
        });
    }

    [Test]
    public async Task Get_OnAnotherUsersPath_Returns403AlikeWhetherOrNotTheTaskExists()
    {
        var otherUser = Api.NewUserId();
        using var other = Factory.ClientFor(otherUser);
        var theirs = await other.CreateTaskAsync(otherUser);
        string[] taskIds = [theirs.Id(), Guid.NewGuid().ToString(), "not-a-uuid"];

        var problems = new List<JsonElement>();
        foreach (var taskId in taskIds)
        {
            using var response = await Client.GetAsync(Api.TaskPath(otherUser, taskId));
            problems.Add(await response.AssertProblemAsync(HttpStatusCode.Forbidden));
        }

        Assert.Multiple(() =>
        {
            for (var i = 1; i < taskIds.Length; i++)
            {
                Assert.That(Shape(problems[i]), Is.EqualTo(Shape(problems[0])), taskIds[i]);
                Assert.That(problems[i].GetProperty("detail").GetString(), Is.EqualTo(problems[0].GetProperty("detail").GetString()), taskIds[i]);
            }
        });
    }

    [Test]
    public async Task Get_WithoutToken_Returns401()
    {
        var created = await Client.CreateTaskAsync(UserId);
        using var anonymous = Factory.ClientWithToken(null);

        using var response = await anonymous.GetAsync(Api.TaskPath(UserId, created.Id()));

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.StartWith("Bearer"));
    }

    [Test]
    public async Task Get_WithTrailingSlash_Returns200WithoutRedirect()
    {
        var created = await Client.CreateTaskAsync(UserId);

        using var response = await Client.GetAsync(Api.TaskPath(UserId, created.Id()) + "/");
        var task = await response.BodyAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(task.ToString(), Is.EqualTo(created.ToString()));
            Assert.That(response.Headers.ETag, Is.Not.Null);
        });
    }

    private static string WithETag(string header, string etag) => header.Replace("{etag}", etag, StringComparison.Ordinal);

    /// <summary>What two problems must share to be indistinguishable: their members, type, title and status.</summary>
    private static string Shape(JsonElement problem) =>
        string.Join(
            '|',
            string.Join(',', problem.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)),
            problem.GetProperty("type").GetString(),
            problem.GetProperty("title").GetString(),
            problem.GetProperty("status").GetInt32());
}
