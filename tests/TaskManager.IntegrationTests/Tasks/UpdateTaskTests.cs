using System.Net;
using System.Text;
using System.Text.Json;
using TaskManager.IntegrationTests.Infrastructure;

namespace TaskManager.IntegrationTests.Tasks;

/// <summary>PUT /api/{user_id}/tasks/{task_id} (seed T024).</summary>
public sealed class UpdateTaskTests(TestDatabase database) : ApiFixture(database)
{
    private const string Original = """{"title":"Original","description":"Notes","completed":false}""";

    [Test]
    public async Task Put_WithAllFields_ChangesThem()
    {
        var task = await Client.CreateTaskAsync(UserId, Original);

        using var response = await PutAsync(task, """{"title":"  Renamed \t","description":"New notes","completed":true}""");
        var updated = await response.BodyAsync();
        var (fetched, etag) = await Client.GetTaskAsync(UserId, task.Id());

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(updated.Id(), Is.EqualTo(task.Id()));
            Assert.That(updated.GetProperty("user_id").GetString(), Is.EqualTo(UserId));
            Assert.That(updated.GetProperty("title").GetString(), Is.EqualTo("Renamed"));
            Assert.That(updated.GetProperty("description").GetString(), Is.EqualTo("New notes"));
            Assert.That(updated.GetProperty("completed").GetBoolean(), Is.True);
            Assert.That(updated.GetProperty("created_at").GetString(), Is.EqualTo(task.GetProperty("created_at").GetString()));
            Assert.That(fetched.ToString(), Is.EqualTo(updated.ToString()));
            Assert.That(response.Headers.ETag?.ToString(), Is.EqualTo(etag));
        });
    }

    [Test]
    public async Task Put_WithOnlyCompleted_KeepsTitleAndDescription()
    {
        var task = await Client.CreateTaskAsync(UserId, Original);

        using var response = await PutAsync(task, """{"completed":true}""");
        var updated = await response.BodyAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(updated.GetProperty("title").GetString(), Is.EqualTo("Original"));
            Assert.That(updated.GetProperty("description").GetString(), Is.EqualTo("Notes"));
            Assert.That(updated.GetProperty("completed").GetBoolean(), Is.True);
        });
    }

    [Test]
    public async Task Put_WithOnlyTitle_KeepsDescriptionAndCompleted()
    {
        var task = await Client.CreateTaskAsync(UserId, """{"title":"Original","description":"Notes","completed":true}""");

        using var response = await PutAsync(task, """{"title":"Renamed"}""");
        var updated = await response.BodyAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(updated.GetProperty("title").GetString(), Is.EqualTo("Renamed"));
            Assert.That(updated.GetProperty("description").GetString(), Is.EqualTo("Notes"));
            Assert.That(updated.GetProperty("completed").GetBoolean(), Is.True);
        });
    }

    [Test]
    public async Task Put_WithNullDescription_ClearsIt()
    {
        var task = await Client.CreateTaskAsync(UserId, Original);

        using var response = await PutAsync(task, """{"description":null}""");
        var (fetched, _) = await Client.GetTaskAsync(UserId, task.Id());

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(fetched.GetProperty("description").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(fetched.GetProperty("title").GetString(), Is.EqualTo("Original"));
        });
    }

    [Test]
    public async Task Put_WithTitleOfMaximumLength_Returns200()
    {
        var task = await Client.CreateTaskAsync(UserId, Original);
        var title = new string('x', 255);

        using var response = await PutAsync(task, $$"""{"title":"  {{title}}  "}""");
        var updated = await response.BodyAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(updated.GetProperty("title").GetString(), Is.EqualTo(title));
        });
    }

    [TestCase("""{"title":null}""", "title", TestName = "Put_WithNullTitle_Returns422")]
    [TestCase("""{"title":"   "}""", "title", TestName = "Put_WithBlankTitle_Returns422")]
    [TestCase("""{"title":""}""", "title", TestName = "Put_WithEmptyTitle_Returns422")]
    [TestCase("""{"title":"a\u0007b"}""", "title", TestName = "Put_WithControlCharacterInTitle_Returns422")]
    [TestCase("""{"title":"\ud800"}""", "title", TestName = "Put_WithLoneSurrogateTitle_Returns422")]
    [TestCase("""{"title":42}""", "title", TestName = "Put_WithNumericTitle_Returns422")]
    [TestCase("""{"title":["a"]}""", "title", TestName = "Put_WithArrayTitle_Returns422")]
    [TestCase("""{"title":{"text":"a"}}""", "title", TestName = "Put_WithObjectTitle_Returns422")]
    [TestCase("""{"description":7}""", "description", TestName = "Put_WithNumericDescription_Returns422")]
    [TestCase("""{"description":false}""", "description", TestName = "Put_WithBooleanDescription_Returns422")]
    [TestCase("""{"description":"a\u0000b"}""", "description", TestName = "Put_WithNulInDescription_Returns422")]
    [TestCase("""{"completed":"yes"}""", "completed", TestName = "Put_WithStringCompleted_Returns422")]
    [TestCase("""{"completed":null}""", "completed", TestName = "Put_WithNullCompleted_Returns422")]
    [TestCase("""{"completed":1}""", "completed", TestName = "Put_WithNumericCompleted_Returns422")]
    [TestCase("""{"title":"Valid","completed":"true"}""", "completed", TestName = "Put_WithValidTitleAndQuotedCompleted_Returns422")]
    public async Task Put_WithInvalidField_Returns422NamingTheField(string json, string field)
    {
        var task = await Client.CreateTaskAsync(UserId, Original);
        var (_, etag) = await Client.GetTaskAsync(UserId, task.Id());

        using var response = await PutAsync(task, json);

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.That(problem.ErrorsFor(field), Is.Not.Empty);
        await AssertUnchangedAsync(task, etag);
    }

    [Test]
    public async Task Put_WithSeveralInvalidFields_NamesEachOfThem()
    {
        var task = await Client.CreateTaskAsync(UserId, Original);

        using var response = await PutAsync(task, """{"title":5,"description":6,"completed":7}""");

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.That(
            problem.GetProperty("errors").EnumerateObject().Select(e => e.Name),
            Is.EquivalentTo(new[] { "title", "description", "completed" }));
    }

    [Test]
    public async Task Put_WithTitleTooLong_Returns422()
    {
        var task = await Client.CreateTaskAsync(UserId, Original);

        using var response = await PutAsync(task, $$"""{"title":"{{new string('x', 256)}}"}""");

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.That(problem.ErrorsFor("title"), Has.Some.Contains("255"));
    }

    [Test]
    public async Task Put_WithDescriptionTooLong_Returns422()
    {
        var task = await Client.CreateTaskAsync(UserId, Original);

        using var response = await PutAsync(task, $$"""{"description":"{{new string('d', 1001)}}"}""");

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.That(problem.ErrorsFor("description"), Has.Some.Contains("1000"));
    }

    [TestCase("""{"title":""", TestName = "Put_WithTruncatedJson_Returns400")]
    [TestCase("""{"title":"a",}""", TestName = "Put_WithTrailingComma_Returns400")]
    [TestCase("""{"title":"a","title":"b"}""", TestName = "Put_WithDuplicateProperty_Returns400")]
    [TestCase("""not json""", TestName = "Put_WithTextBody_Returns400")]
    [TestCase("""  """, TestName = "Put_WithBlankBody_Returns400")]
    [TestCase("""[{"title":"a"}]""", TestName = "Put_WithArrayBody_Returns400")]
    [TestCase("""null""", TestName = "Put_WithNullBody_Returns400")]
    [TestCase("""  "title"  """, TestName = "Put_WithStringBody_Returns400")]
    [TestCase("""42""", TestName = "Put_WithNumberBody_Returns400")]
    [TestCase("""true""", TestName = "Put_WithBooleanBody_Returns400")]
    public async Task Put_WithBodyThatIsNotAJsonObject_Returns400(string body)
    {
        var task = await Client.CreateTaskAsync(UserId, Original);
        var (_, etag) = await Client.GetTaskAsync(UserId, task.Id());

        using var response = await PutAsync(task, body);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        await AssertUnchangedAsync(task, etag);
    }

    [Test]
    public async Task Put_WithEmptyBody_Returns400()
    {
        var task = await Client.CreateTaskAsync(UserId, Original);
        using var content = new ByteArrayContent([]);
        content.Headers.ContentType = new("application/json");

        using var response = await Client.PutAsync(Api.TaskPath(UserId, task.Id()), content);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [TestCase("text/plain")]
    [TestCase("application/x-www-form-urlencoded")]
    [TestCase("application/xml")]
    public async Task Put_WithNonJsonContentType_Returns415(string mediaType)
    {
        var task = await Client.CreateTaskAsync(UserId, Original);
        var (_, etag) = await Client.GetTaskAsync(UserId, task.Id());

        using var response = await Client.PutAsync(
            Api.TaskPath(UserId, task.Id()), new StringContent("""{"title":"x"}""", Encoding.UTF8, mediaType));

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
        await AssertUnchangedAsync(task, etag);
    }

    [Test]
    public async Task Put_WithoutContentType_Returns415()
    {
        var task = await Client.CreateTaskAsync(UserId, Original);
        using var content = new ByteArrayContent("""{"title":"x"}"""u8.ToArray());

        using var response = await Client.PutAsync(Api.TaskPath(UserId, task.Id()), content);

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Test]
    public async Task Put_WithBodyOver64KiB_Returns413()
    {
        var task = await Client.CreateTaskAsync(UserId, Original);
        var (_, etag) = await Client.GetTaskAsync(UserId, task.Id());

        using var response = await PutAsync(task, $$"""{"title":"big","padding":"{{new string('p', 64 * 1024)}}"}""");

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        await AssertUnchangedAsync(task, etag);
    }

    [TestCase("""{}""", TestName = "Put_WithEmptyObject_ChangesNothing")]
    [TestCase("""{"title":"Original","description":"Notes","completed":false}""", TestName = "Put_WithTheSameValues_ChangesNothing")]
    [TestCase("""{"title":"  Original  "}""", TestName = "Put_WithTheSameTitleUntrimmed_ChangesNothing")]
    [TestCase("""{"completed":false}""", TestName = "Put_WithTheSameCompleted_ChangesNothing")]
    [TestCase("""{"colour":"red","id":"0f8fad5b-d9cb-469f-a165-70867728950e","updated_at":"2000-01-01T00:00:00.000Z","completed_at":"2000-01-01T00:00:00.000Z"}""",
        TestName = "Put_WithOnlyUnknownAndServerOwnedFields_ChangesNothing")]
    public async Task Put_ThatChangesNothing_Returns200WithUpdatedAtAndETagUnchanged(string json)
    {
        var t0 = DateTimeOffset.UtcNow;
        Factory.Clock.Set(t0);
        var task = await Client.CreateTaskAsync(UserId, Original);
        var (_, etag) = await Client.GetTaskAsync(UserId, task.Id());
        Factory.Clock.Set(t0.AddMinutes(1));

        using var response = await PutAsync(task, json);
        var updated = await response.BodyAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(updated.ToString(), Is.EqualTo(task.ToString()));
            Assert.That(response.Headers.ETag?.ToString(), Is.EqualTo(etag));
        });
        await AssertUnchangedAsync(task, etag);
    }

    [Test]
    public async Task Put_WithAChange_MovesUpdatedAtForwardAndChangesTheETag()
    {
        var t0 = DateTimeOffset.UtcNow;
        Factory.Clock.Set(t0);
        var task = await Client.CreateTaskAsync(UserId, Original);
        var (_, etag0) = await Client.GetTaskAsync(UserId, task.Id());

        Factory.Clock.Set(t0.AddSeconds(90));
        using var first = await PutAsync(task, """{"title":"Second"}""");
        var firstBody = await first.BodyAsync();
        Factory.Clock.Set(t0.AddSeconds(180));
        using var second = await PutAsync(task, """{"completed":true}""");
        var secondBody = await second.BodyAsync();
        var etags = new[] { etag0, first.Headers.ETag?.ToString(), second.Headers.ETag?.ToString() };

        Assert.Multiple(() =>
        {
            Assert.That(task.GetProperty("updated_at").GetString(), Is.EqualTo(Api.Rfc3339(t0)));
            Assert.That(firstBody.GetProperty("updated_at").GetString(), Is.EqualTo(Api.Rfc3339(t0.AddSeconds(90))));
            Assert.That(secondBody.GetProperty("updated_at").GetString(), Is.EqualTo(Api.Rfc3339(t0.AddSeconds(180))));
            Assert.That(secondBody.GetProperty("created_at").GetString(), Is.EqualTo(Api.Rfc3339(t0)));
            Assert.That(etags, Is.Unique.And.None.Null);
        });
    }

    [TestCase("{etag}")]
    [TestCase("*")]
    [TestCase("\"other\", {etag}")]
    public async Task Put_WithIfMatchNamingTheCurrentETag_Returns200AndChangesTheTask(string ifMatch)
    {
        var task = await Client.CreateTaskAsync(UserId, Original);
        var (_, etag) = await Client.GetTaskAsync(UserId, task.Id());

        using var response = await PutAsync(task, """{"title":"Renamed"}""", WithETag(ifMatch, etag));
        var (fetched, _) = await Client.GetTaskAsync(UserId, task.Id());

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(fetched.GetProperty("title").GetString(), Is.EqualTo("Renamed"));
        });
    }

    [Test]
    public async Task Put_WithStaleIfMatch_Returns412AndChangesNothing()
    {
        var task = await Client.CreateTaskAsync(UserId, Original);
        var (_, staleETag) = await Client.GetTaskAsync(UserId, task.Id());
        using var change = await PutAsync(task, """{"description":"Changed by someone else"}""");
        var changed = await change.BodyAsync();
        var currentETag = change.Headers.ETag!.ToString();

        using var response = await PutAsync(task, """{"title":"Lost update"}""", staleETag);

        await response.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        await AssertUnchangedAsync(changed, currentETag);
    }

    [TestCase("W/{etag}", TestName = "Put_WithWeakIfMatch_Returns412")]
    [TestCase("\"other\"", TestName = "Put_WithUnknownIfMatch_Returns412")]
    [TestCase("not-an-etag", TestName = "Put_WithMalformedIfMatch_Returns412")]
    public async Task Put_WithIfMatchNotNamingTheCurrentETag_Returns412AndChangesNothing(string ifMatch)
    {
        var task = await Client.CreateTaskAsync(UserId, Original);
        var (_, etag) = await Client.GetTaskAsync(UserId, task.Id());

        using var response = await PutAsync(task, """{"title":"Renamed"}""", WithETag(ifMatch, etag));

        await response.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        await AssertUnchangedAsync(task, etag);
    }

    [TestCase("not-a-uuid")]
    [TestCase("0f8fad5b-d9cb-469f-a165-70867728950e")]
    public async Task Put_MissingTask_Returns404(string taskId)
    {
        using var response = await Client.SendAsync(HttpMethod.Put, Api.TaskPath(UserId, taskId), """{"title":"x"}""");

        var problem = await response.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain(taskId));
    }

    [Test]
    public async Task Put_AnotherUsersTask_Returns404AndLeavesItAlone()
    {
        var otherUser = Api.NewUserId();
        using var other = Factory.ClientFor(otherUser);
        var theirs = await other.CreateTaskAsync(otherUser, Original);
        var (_, etag) = await other.GetTaskAsync(otherUser, theirs.Id());

        using var response = await Client.SendAsync(HttpMethod.Put, Api.TaskPath(UserId, theirs.Id()), """{"title":"Hijacked"}""");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
        var (after, afterETag) = await other.GetTaskAsync(otherUser, theirs.Id());
        Assert.Multiple(() =>
        {
            Assert.That(after.ToString(), Is.EqualTo(theirs.ToString()));
            Assert.That(afterETag, Is.EqualTo(etag));
        });
    }

    [Test]
    public async Task Put_OnAnotherUsersPath_Returns403EvenWithAMalformedBody()
    {
        var otherUser = Api.NewUserId();
        using var other = Factory.ClientFor(otherUser);
        var theirs = await other.CreateTaskAsync(otherUser, Original);

        using var response = await Client.SendAsync(HttpMethod.Put, Api.TaskPath(otherUser, theirs.Id()), """{"title":""");

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        var (after, _) = await other.GetTaskAsync(otherUser, theirs.Id());
        Assert.That(after.ToString(), Is.EqualTo(theirs.ToString()));
    }

    [Test]
    public async Task Put_OnAnotherUsersPath_Returns403EvenWithABodyOver64KiB()
    {
        var json = $$"""{"title":"big","padding":"{{new string('p', 64 * 1024)}}"}""";

        using var response = await Client.SendAsync(HttpMethod.Put, Api.TaskPath(Api.NewUserId(), Guid.NewGuid().ToString()), json);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task Put_WithoutToken_Returns401EvenWithABodyOver64KiB()
    {
        var task = await Client.CreateTaskAsync(UserId, Original);
        using var anonymous = Factory.ClientWithToken(null);
        var json = $$"""{"title":"big","padding":"{{new string('p', 64 * 1024)}}"}""";

        using var response = await anonymous.SendAsync(HttpMethod.Put, Api.TaskPath(UserId, task.Id()), json);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Put_WithoutToken_Returns401BeforeLookingAtTheBody()
    {
        var task = await Client.CreateTaskAsync(UserId, Original);
        using var anonymous = Factory.ClientWithToken(null);

        using var response = await anonymous.PutAsync(
            Api.TaskPath(UserId, task.Id()), new StringContent("x", Encoding.UTF8, "text/plain"));

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.StartWith("Bearer"));
    }

    [Test]
    public async Task Put_WithServerOwnedFields_IgnoresThem()
    {
        var t0 = DateTimeOffset.UtcNow;
        Factory.Clock.Set(t0);
        var task = await Client.CreateTaskAsync(UserId, Original);
        Factory.Clock.Set(t0.AddMinutes(1));
        const string forged = """
            {"title":"Renamed","id":"0f8fad5b-d9cb-469f-a165-70867728950e","user_id":"someone-else",
             "created_at":"2000-01-01T00:00:00.000Z","updated_at":"2000-01-01T00:00:00.000Z"}
            """;

        using var response = await PutAsync(task, forged);
        var updated = await response.BodyAsync();
        var (fetched, _) = await Client.GetTaskAsync(UserId, task.Id());

        Assert.Multiple(() =>
        {
            Assert.That(updated.Id(), Is.EqualTo(task.Id()));
            Assert.That(updated.GetProperty("user_id").GetString(), Is.EqualTo(UserId));
            Assert.That(updated.GetProperty("title").GetString(), Is.EqualTo("Renamed"));
            Assert.That(updated.GetProperty("created_at").GetString(), Is.EqualTo(Api.Rfc3339(t0)));
            Assert.That(updated.GetProperty("updated_at").GetString(), Is.EqualTo(Api.Rfc3339(t0.AddMinutes(1))));
            Assert.That(fetched.ToString(), Is.EqualTo(updated.ToString()));
        });
    }

    [Test]
    public async Task Put_WithTrailingSlash_Returns200WithoutRedirect()
    {
        var task = await Client.CreateTaskAsync(UserId, Original);

        using var response = await Client.SendAsync(HttpMethod.Put, Api.TaskPath(UserId, task.Id()) + "/", """{"title":"Slash"}""");
        var updated = await response.BodyAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(updated.GetProperty("title").GetString(), Is.EqualTo("Slash"));
        });
    }

    private static string WithETag(string header, string etag) => header.Replace("{etag}", etag, StringComparison.Ordinal);

    private async Task<HttpResponseMessage> PutAsync(JsonElement task, string json, string? ifMatch = null) =>
        await Client.SendAsync(
            HttpMethod.Put,
            Api.TaskPath(UserId, task.Id()),
            json,
            h =>
            {
                if (ifMatch is not null)
                {
                    h.TryAddWithoutValidation("If-Match", ifMatch);
                }
            });

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
