using System.Net;
using System.Text;
using System.Text.Json;
using TaskManager.IntegrationTests.Infrastructure;

namespace TaskManager.IntegrationTests.Tasks;

/// <summary>PATCH /api/{user_id}/tasks/{task_id}/complete (seed T026).</summary>
public sealed class CompleteTaskTests(TestDatabase database) : ApiFixture(database)
{
    [Test]
    public async Task Patch_WithoutBody_TogglesCompletedBackAndForth()
    {
        var t0 = DateTimeOffset.UtcNow;
        Factory.Clock.Set(t0);
        var task = await Client.CreateTaskAsync(UserId, """{"title":"Toggle","description":"kept"}""");

        Factory.Clock.Set(t0.AddSeconds(10));
        using var first = await PatchAsync(task.Id());
        var firstBody = await first.BodyAsync();
        Factory.Clock.Set(t0.AddSeconds(20));
        using var second = await PatchAsync(task.Id());
        var secondBody = await second.BodyAsync();

        Assert.Multiple(() =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(firstBody.GetProperty("completed").GetBoolean(), Is.True);
            Assert.That(firstBody.GetProperty("updated_at").GetString(), Is.EqualTo(Api.Rfc3339(t0.AddSeconds(10))));
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(secondBody.GetProperty("completed").GetBoolean(), Is.False);
            Assert.That(secondBody.GetProperty("updated_at").GetString(), Is.EqualTo(Api.Rfc3339(t0.AddSeconds(20))));
            Assert.That(secondBody.GetProperty("title").GetString(), Is.EqualTo("Toggle"));
            Assert.That(secondBody.GetProperty("description").GetString(), Is.EqualTo("kept"));
            Assert.That(secondBody.GetProperty("created_at").GetString(), Is.EqualTo(Api.Rfc3339(t0)));
            Assert.That(second.Headers.ETag, Is.Not.EqualTo(first.Headers.ETag));
        });
    }

    [Test]
    public async Task Patch_WithEmptyJsonBody_Toggles()
    {
        var task = await Client.CreateTaskAsync(UserId);

        var first = await PatchWithContentAsync(task.Id(), []);
        var second = await PatchWithContentAsync(task.Id(), []);

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.True);
            Assert.That(second, Is.False);
        });
    }

    [Test]
    public async Task Patch_WithEmptyObject_Toggles()
    {
        var task = await Client.CreateTaskAsync(UserId);

        using var first = await PatchAsync(task.Id(), "{}");
        var firstBody = await first.BodyAsync();
        using var second = await PatchAsync(task.Id(), "{}");
        var secondBody = await second.BodyAsync();

        Assert.Multiple(() =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(firstBody.GetProperty("completed").GetBoolean(), Is.True);
            Assert.That(secondBody.GetProperty("completed").GetBoolean(), Is.False);
        });
    }

    [TestCase(false, true)]
    [TestCase(true, true)]
    [TestCase(false, false)]
    [TestCase(true, false)]
    public async Task Patch_WithCompletedValue_SetsThatValue(bool initial, bool requested)
    {
        var task = await Client.CreateTaskAsync(UserId, $$"""{"title":"Set","completed":{{Json(initial)}}}""");

        using var response = await PatchAsync(task.Id(), $$"""{"completed":{{Json(requested)}}}""");
        var updated = await response.BodyAsync();
        var (fetched, _) = await Client.GetTaskAsync(UserId, task.Id());

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(updated.GetProperty("completed").GetBoolean(), Is.EqualTo(requested));
            Assert.That(fetched.GetProperty("completed").GetBoolean(), Is.EqualTo(requested));
        });
    }

    [Test]
    public async Task Patch_WithCompletedTrueRepeated_StaysTrueAndLeavesUpdatedAtAndETagAlone()
    {
        var t0 = DateTimeOffset.UtcNow;
        Factory.Clock.Set(t0);
        var task = await Client.CreateTaskAsync(UserId);

        Factory.Clock.Set(t0.AddSeconds(10));
        using var first = await PatchAsync(task.Id(), """{"completed":true}""");
        var firstBody = await first.BodyAsync();
        Factory.Clock.Set(t0.AddSeconds(20));
        using var repeat = await PatchAsync(task.Id(), """{"completed":true}""");
        var repeatBody = await repeat.BodyAsync();

        Assert.Multiple(() =>
        {
            Assert.That(repeat.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(repeatBody.GetProperty("completed").GetBoolean(), Is.True);
            Assert.That(firstBody.GetProperty("updated_at").GetString(), Is.EqualTo(Api.Rfc3339(t0.AddSeconds(10))));
            Assert.That(repeatBody.ToString(), Is.EqualTo(firstBody.ToString()));
            Assert.That(repeat.Headers.ETag, Is.EqualTo(first.Headers.ETag));
        });
    }

    [Test]
    public async Task Patch_WithCompletedFalseOnAPendingTask_LeavesUpdatedAtAndETagAlone()
    {
        var t0 = DateTimeOffset.UtcNow;
        Factory.Clock.Set(t0);
        var task = await Client.CreateTaskAsync(UserId);
        var (_, etag) = await Client.GetTaskAsync(UserId, task.Id());
        Factory.Clock.Set(t0.AddSeconds(10));

        using var response = await PatchAsync(task.Id(), """{"completed":false}""");
        var body = await response.BodyAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(body.ToString(), Is.EqualTo(task.ToString()));
            Assert.That(response.Headers.ETag?.ToString(), Is.EqualTo(etag));
        });
    }

    [TestCase("""{"completed":null}""", TestName = "Patch_WithNullCompleted_Returns422")]
    [TestCase("""{"completed":"yes"}""", TestName = "Patch_WithStringCompleted_Returns422")]
    [TestCase("""{"completed":"true"}""", TestName = "Patch_WithQuotedTrueCompleted_Returns422")]
    [TestCase("""{"completed":1}""", TestName = "Patch_WithNumericCompleted_Returns422")]
    [TestCase("""{"completed":[true]}""", TestName = "Patch_WithArrayCompleted_Returns422")]
    public async Task Patch_WithInvalidCompleted_Returns422NamingCompleted(string json)
    {
        var task = await Client.CreateTaskAsync(UserId);
        var (_, etag) = await Client.GetTaskAsync(UserId, task.Id());

        using var response = await PatchAsync(task.Id(), json);

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.That(problem.ErrorsFor("completed"), Is.Not.Empty);
        await AssertUnchangedAsync(task, etag);
    }

    [TestCase("""null""", TestName = "Patch_WithNullBody_Returns400")]
    [TestCase("""[]""", TestName = "Patch_WithEmptyArrayBody_Returns400")]
    [TestCase("""[{"completed":true}]""", TestName = "Patch_WithArrayBody_Returns400")]
    [TestCase("""true""", TestName = "Patch_WithBooleanBody_Returns400")]
    [TestCase("""{"completed":""", TestName = "Patch_WithTruncatedJson_Returns400")]
    [TestCase("""{"completed":true,}""", TestName = "Patch_WithTrailingComma_Returns400")]
    [TestCase("""{"completed":true,"completed":false}""", TestName = "Patch_WithDuplicateProperty_Returns400")]
    [TestCase("""not json""", TestName = "Patch_WithTextBody_Returns400")]
    public async Task Patch_WithBodyThatIsNotAJsonObject_Returns400(string body)
    {
        var task = await Client.CreateTaskAsync(UserId);
        var (_, etag) = await Client.GetTaskAsync(UserId, task.Id());

        using var response = await PatchAsync(task.Id(), body);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        await AssertUnchangedAsync(task, etag);
    }

    [TestCase("text/plain")]
    [TestCase("application/x-www-form-urlencoded")]
    public async Task Patch_WithNonJsonContentType_Returns415AndChangesNothing(string mediaType)
    {
        var task = await Client.CreateTaskAsync(UserId);
        var (_, etag) = await Client.GetTaskAsync(UserId, task.Id());

        using var response = await Client.PatchAsync(
            CompletePath(task.Id()), new StringContent("""{"completed":true}""", Encoding.UTF8, mediaType));

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
        await AssertUnchangedAsync(task, etag);
    }

    [Test]
    public async Task Patch_WithBodyOver64KiB_Returns413AndChangesNothing()
    {
        var task = await Client.CreateTaskAsync(UserId);
        var (_, etag) = await Client.GetTaskAsync(UserId, task.Id());

        using var response = await PatchAsync(task.Id(), $$"""{"completed":true,"padding":"{{new string('p', 64 * 1024)}}"}""");

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        await AssertUnchangedAsync(task, etag);
    }

    [Test]
    public async Task Patch_WithStaleIfMatch_Returns412AndChangesNothing()
    {
        var task = await Client.CreateTaskAsync(UserId);
        var (_, staleETag) = await Client.GetTaskAsync(UserId, task.Id());
        using var change = await PatchAsync(task.Id());
        var changed = await change.BodyAsync();

        using var response = await PatchAsync(task.Id(), ifMatch: staleETag);

        await response.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        await AssertUnchangedAsync(changed, change.Headers.ETag!.ToString());
    }

    [TestCase("W/{etag}", TestName = "Patch_WithWeakIfMatch_Returns412")]
    [TestCase("\"other\"", TestName = "Patch_WithUnknownIfMatch_Returns412")]
    public async Task Patch_WithIfMatchNotNamingTheCurrentETag_Returns412AndChangesNothing(string ifMatch)
    {
        var task = await Client.CreateTaskAsync(UserId);
        var (_, etag) = await Client.GetTaskAsync(UserId, task.Id());

        using var response = await PatchAsync(task.Id(), """{"completed":true}""", WithETag(ifMatch, etag));

        await response.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        await AssertUnchangedAsync(task, etag);
    }

    [TestCase("{etag}")]
    [TestCase("*")]
    public async Task Patch_WithIfMatchNamingTheCurrentETag_Returns200(string ifMatch)
    {
        var task = await Client.CreateTaskAsync(UserId);
        var (_, etag) = await Client.GetTaskAsync(UserId, task.Id());

        using var response = await PatchAsync(task.Id(), ifMatch: WithETag(ifMatch, etag));
        var updated = await response.BodyAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(updated.GetProperty("completed").GetBoolean(), Is.True);
        });
    }

    [TestCase("not-a-uuid")]
    [TestCase("0f8fad5b-d9cb-469f-a165-70867728950e")]
    public async Task Patch_MissingTask_Returns404(string taskId)
    {
        using var response = await PatchAsync(taskId);

        var problem = await response.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain(taskId));
    }

    [Test]
    public async Task Patch_AnotherUsersTask_Returns404AndLeavesItAlone()
    {
        var otherUser = Api.NewUserId();
        using var other = Factory.ClientFor(otherUser);
        var theirs = await other.CreateTaskAsync(otherUser);

        using var response = await PatchAsync(theirs.Id());

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
        var (after, _) = await other.GetTaskAsync(otherUser, theirs.Id());
        Assert.That(after.ToString(), Is.EqualTo(theirs.ToString()));
    }

    [TestCase("""{"completed":""", "application/json", TestName = "Patch_OnAnotherUsersPath_Returns403EvenWithAMalformedBody")]
    [TestCase("""{"completed":true}""", "text/plain", TestName = "Patch_OnAnotherUsersPath_Returns403EvenWithANonJsonBody")]
    [TestCase("""{"completed":true}""", "application/json", TestName = "Patch_OnAnotherUsersPath_Returns403AndChangesNothing")]
    public async Task Patch_OnAnotherUsersPath_Returns403(string body, string mediaType)
    {
        var otherUser = Api.NewUserId();
        using var other = Factory.ClientFor(otherUser);
        var theirs = await other.CreateTaskAsync(otherUser);

        using var response = await Client.PatchAsync(
            $"{Api.TaskPath(otherUser, theirs.Id())}/complete", new StringContent(body, Encoding.UTF8, mediaType));

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        var (after, _) = await other.GetTaskAsync(otherUser, theirs.Id());
        Assert.That(after.ToString(), Is.EqualTo(theirs.ToString()));
    }

    [Test]
    public async Task Patch_WithoutToken_Returns401()
    {
        var task = await Client.CreateTaskAsync(UserId);
        using var anonymous = Factory.ClientWithToken(null);

        using var response = await anonymous.PatchAsync(CompletePath(task.Id()), new StringContent("x", Encoding.UTF8, "text/plain"));

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Patch_WithTrailingSlash_TogglesWithoutRedirect()
    {
        var task = await Client.CreateTaskAsync(UserId);

        using var response = await Client.SendAsync(HttpMethod.Patch, CompletePath(task.Id()) + "/");
        var updated = await response.BodyAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(updated.GetProperty("completed").GetBoolean(), Is.True);
        });
    }

    [Test]
    public async Task Patch_ReturnsTheTaskAndETagThatAGetThenShows()
    {
        var task = await Client.CreateTaskAsync(UserId);

        using var response = await PatchAsync(task.Id());
        var updated = await response.BodyAsync();
        var (fetched, etag) = await Client.GetTaskAsync(UserId, task.Id());

        Assert.Multiple(() =>
        {
            Assert.That(response.Headers.ETag, Is.Not.Null);
            Assert.That(response.Headers.ETag?.ToString(), Is.EqualTo(etag));
            Assert.That(updated.ToString(), Is.EqualTo(fetched.ToString()));
        });
    }

    private static string Json(bool value) => value ? "true" : "false";

    private static string WithETag(string header, string etag) => header.Replace("{etag}", etag, StringComparison.Ordinal);

    private string CompletePath(string taskId) => $"{Api.TaskPath(UserId, taskId)}/complete";

    private async Task<HttpResponseMessage> PatchAsync(string taskId, string? json = null, string? ifMatch = null) =>
        await Client.SendAsync(
            HttpMethod.Patch,
            CompletePath(taskId),
            json,
            h =>
            {
                if (ifMatch is not null)
                {
                    h.TryAddWithoutValidation("If-Match", ifMatch);
                }
            });

    /// <summary>PATCHes with exactly <paramref name="body"/> as application/json and returns the resulting completion.</summary>
    private async Task<bool> PatchWithContentAsync(string taskId, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        using var response = await Client.PatchAsync(CompletePath(taskId), content);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (await response.BodyAsync()).GetProperty("completed").GetBoolean();
    }

    private async Task AssertUnchangedAsync(JsonElement task, string etag)
    {
        var (now, nowETag) = await Client.GetTaskAsync(UserId, task.Id());
        Assert.Multiple(() =>
        {
            Assert.That(now.ToString(), Is.EqualTo(task.ToString()));
            Assert.That(nowETag, Is.EqualTo(etag));
        });
    }
}
