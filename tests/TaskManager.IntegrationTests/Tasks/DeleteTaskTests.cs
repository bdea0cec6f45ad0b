using System.Net;
using System.Text.Json;
using TaskManager.IntegrationTests.Infrastructure;

namespace TaskManager.IntegrationTests.Tasks;

/// <summary>DELETE /api/{user_id}/tasks/{task_id} (seed T025).</summary>
public sealed class DeleteTaskTests(TestDatabase database) : ApiFixture(database)
{
    [Test]
    public async Task Delete_OwnTask_Returns204WithEmptyBody()
    {
        var task = await Client.CreateTaskAsync(UserId);

        using var response = await DeleteAsync(task.Id());
        var body = await response.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(body, Is.Empty);
        });
    }

    [Test]
    public async Task Delete_ThenGet_Returns404AndTheListNoLongerShowsIt()
    {
        var doomed = await Client.CreateTaskAsync(UserId, """{"title":"Doomed"}""");
        var kept = await Client.CreateTaskAsync(UserId, """{"title":"Kept"}""");

        using var delete = await DeleteAsync(doomed.Id());
        using var get = await Client.GetAsync(Api.TaskPath(UserId, doomed.Id()));
        using var list = await Client.GetAsync(Api.TasksPath(UserId));
        var tasks = await list.BodyAsync();

        Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await get.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Multiple(() =>
        {
            Assert.That(tasks.EnumerateArray().Select(t => t.Id()), Is.EqualTo(new[] { kept.Id() }));
            Assert.That(list.Headers.GetValues("X-Total-Count").Single(), Is.EqualTo("1"));
        });
    }

    [Test]
    public async Task Delete_Twice_Returns404TheSecondTime()
    {
        var task = await Client.CreateTaskAsync(UserId);

        using var first = await DeleteAsync(task.Id());
        using var second = await DeleteAsync(task.Id());

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        var problem = await second.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain(task.Id()));
    }

    [TestCase("not-a-uuid")]
    [TestCase("0f8fad5b-d9cb-469f-a165-70867728950e")]
    public async Task Delete_MissingTask_Returns404(string taskId)
    {
        using var response = await DeleteAsync(taskId);

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Delete_AnotherUsersTask_Returns404AndKeepsIt()
    {
        var otherUser = Api.NewUserId();
        using var other = Factory.ClientFor(otherUser);
        var theirs = await other.CreateTaskAsync(otherUser);

        using var response = await DeleteAsync(theirs.Id());

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
        var (after, _) = await other.GetTaskAsync(otherUser, theirs.Id());
        Assert.That(after.ToString(), Is.EqualTo(theirs.ToString()));
    }

    [Test]
    public async Task Delete_WithStaleIfMatch_Returns412AndKeepsTheTask()
    {
        var task = await Client.CreateTaskAsync(UserId);
        var (_, staleETag) = await Client.GetTaskAsync(UserId, task.Id());
        using var change = await Client.SendAsync(HttpMethod.Put, Api.TaskPath(UserId, task.Id()), """{"title":"Changed"}""");
        var changed = await change.BodyAsync();

        using var response = await DeleteAsync(task.Id(), staleETag);

        await response.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        var (after, _) = await Client.GetTaskAsync(UserId, task.Id());
        Assert.That(after.ToString(), Is.EqualTo(changed.ToString()));
    }

    [TestCase("W/{etag}", TestName = "Delete_WithWeakIfMatch_Returns412")]
    [TestCase("\"other\"", TestName = "Delete_WithUnknownIfMatch_Returns412")]
    public async Task Delete_WithIfMatchNotNamingTheCurrentETag_Returns412AndKeepsTheTask(string ifMatch)
    {
        var task = await Client.CreateTaskAsync(UserId);
        var (_, etag) = await Client.GetTaskAsync(UserId, task.Id());

        using var response = await DeleteAsync(task.Id(), WithETag(ifMatch, etag));

        await response.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        await Client.GetTaskAsync(UserId, task.Id());
    }

    [TestCase("{etag}")]
    [TestCase("*")]
    [TestCase("\"other\", {etag}")]
    public async Task Delete_WithIfMatchNamingTheCurrentETag_Returns204AndDeletes(string ifMatch)
    {
        var task = await Client.CreateTaskAsync(UserId);
        var (_, etag) = await Client.GetTaskAsync(UserId, task.Id());

        using var response = await DeleteAsync(task.Id(), WithETag(ifMatch, etag));
        using var get = await Client.GetAsync(Api.TaskPath(UserId, task.Id()));

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(get.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task Delete_OnAnotherUsersPath_Returns403AndDeletesNothing()
    {
        var otherUser = Api.NewUserId();
        using var other = Factory.ClientFor(otherUser);
        var theirs = await other.CreateTaskAsync(otherUser);
        var mine = await Client.CreateTaskAsync(UserId);

        using var theirTask = await Client.DeleteAsync(Api.TaskPath(otherUser, theirs.Id()));
        using var myTask = await Client.DeleteAsync(Api.TaskPath(otherUser, mine.Id()));

        var theirProblem = await theirTask.AssertProblemAsync(HttpStatusCode.Forbidden);
        var myProblem = await myTask.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.That(Summary(myProblem), Is.EqualTo(Summary(theirProblem)));
        await other.GetTaskAsync(otherUser, theirs.Id());
        await Client.GetTaskAsync(UserId, mine.Id());
    }

    [Test]
    public async Task Delete_WithoutToken_Returns401AndDeletesNothing()
    {
        var task = await Client.CreateTaskAsync(UserId);
        using var anonymous = Factory.ClientWithToken(null);

        using var response = await anonymous.DeleteAsync(Api.TaskPath(UserId, task.Id()));

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        await Client.GetTaskAsync(UserId, task.Id());
    }

    [Test]
    public async Task Delete_WithTrailingSlash_Returns204WithoutRedirect()
    {
        var task = await Client.CreateTaskAsync(UserId);

        using var response = await Client.DeleteAsync(Api.TaskPath(UserId, task.Id()) + "/");
        using var get = await Client.GetAsync(Api.TaskPath(UserId, task.Id()));

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(get.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    private static string WithETag(string header, string etag) => header.Replace("{etag}", etag, StringComparison.Ordinal);

    private static string Summary(JsonElement problem) =>
        $"{problem.GetProperty("status")}|{problem.GetProperty("type")}|{problem.GetProperty("title")}|{problem.GetProperty("detail")}";

    private async Task<HttpResponseMessage> DeleteAsync(string taskId, string? ifMatch = null) =>
        await Client.SendAsync(
            HttpMethod.Delete,
            Api.TaskPath(UserId, taskId),
            headers: h =>
            {
                if (ifMatch is not null)
                {
                    h.TryAddWithoutValidation("If-Match", ifMatch);
                }
            });
}
