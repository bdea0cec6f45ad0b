using System.Net;
using System.Text;
using TaskManager.IntegrationTests.Infrastructure;

namespace TaskManager.IntegrationTests.Tasks;

/// <summary>POST /api/{user_id}/tasks (seed T017, T018).</summary>
public sealed class CreateTaskTests(TestDatabase database) : ApiFixture(database)
{
    [Test]
    public async Task Post_WithTitle_Returns201WithTaskLocationAndETag()
    {
        var now = new DateTimeOffset(2026, 11, 24, 3, 4, 48, 771, TimeSpan.Zero);
        Factory.Clock.Set(now);
        using var response = await Client.PostAsync(Api.TasksPath(UserId), Api.Json("""{"title":"Buy milk"}"""));
        var task = await response.BodyAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(Guid.TryParseExact(task.GetProperty("id").GetString(), "D", out _), Is.True);
            Assert.That(task.GetProperty("user_id").GetString(), Is.EqualTo(UserId));
            Assert.That(task.GetProperty("title").GetString(), Is.EqualTo("Buy milk"));
            Assert.That(task.GetProperty("description").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
            Assert.That(task.GetProperty("completed").GetBoolean(), Is.False);
            Assert.That(task.GetProperty("created_at").GetString(), Is.EqualTo("2026-11-24T03:04:48.771Z"));
            Assert.That(task.GetProperty("updated_at").GetString(), Is.EqualTo("2026-11-24T03:04:48.771Z"));
            Assert.That(task.GetProperty("due_at").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
            Assert.That(task.GetProperty("priority").GetString(), Is.EqualTo("none"));
            Assert.That(task.GetProperty("tags").GetArrayLength(), Is.Zero);
            Assert.That(task.GetProperty("completed_at").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
            Assert.That(task.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(
                new[] { "id", "user_id", "title", "description", "completed", "created_at", "updated_at", "due_at", "priority", "tags", "completed_at" }));
            Assert.That(response.Headers.Location!.OriginalString, Is.EqualTo(Api.TaskPath(UserId, task.GetProperty("id").GetString()!)));
            Assert.That(response.Headers.ETag, Is.Not.Null);
        });
    }

    [Test]
    public async Task Post_ThenGetLocation_ReturnsTheSameTask()
    {
        using var created = await Client.PostAsync(Api.TasksPath(UserId), Api.Json("""{"title":"Read","description":"A book"}"""));
        using var fetched = await Client.GetAsync(created.Headers.Location);

        Assert.That(fetched.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await fetched.BodyAsync()).ToString(), Is.EqualTo((await created.BodyAsync()).ToString()));
        Assert.That(fetched.Headers.ETag, Is.EqualTo(created.Headers.ETag));
    }

    [Test]
    public async Task Post_WithAllFields_KeepsThemAndTrimsTheTitle()
    {
        var task = await Client.CreateTaskAsync(UserId, """{"title":"  Walk the dog \t","description":"  twice  ","completed":true}""");

        Assert.Multiple(() =>
        {
            Assert.That(task.GetProperty("title").GetString(), Is.EqualTo("Walk the dog"));
            Assert.That(task.GetProperty("description").GetString(), Is.EqualTo("  twice  "));
            Assert.That(task.GetProperty("completed").GetBoolean(), Is.True);
        });
    }

    [Test]
    public async Task Post_WithServerOwnedFields_IgnoresThem()
    {
        const string forged = """
            {"title":"Mine","id":"0f8fad5b-d9cb-469f-a165-70867728950e","user_id":"someone-else",
             "created_at":"2000-01-01T00:00:00.000Z","updated_at":"2000-01-01T00:00:00.000Z"}
            """;
        var task = await Client.CreateTaskAsync(UserId, forged);

        Assert.Multiple(() =>
        {
            Assert.That(task.GetProperty("id").GetString(), Is.Not.EqualTo("0f8fad5b-d9cb-469f-a165-70867728950e"));
            Assert.That(task.GetProperty("user_id").GetString(), Is.EqualTo(UserId));
            Assert.That(task.GetProperty("created_at").GetString(), Does.Not.StartWith("2000"));
        });
    }

    [Test]
    public async Task Post_WithTrailingSlash_Returns201WithoutRedirect()
    {
        using var response = await Client.PostAsync(Api.TasksPath(UserId) + "/", Api.Json("""{"title":"Slash"}"""));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [Test]
    public async Task Post_WithTitleOfMaximumLength_Returns201()
    {
        var title = new string('x', 255);
        var task = await Client.CreateTaskAsync(UserId, $$"""{"title":"  {{title}}  "}""");

        Assert.That(task.GetProperty("title").GetString(), Is.EqualTo(title));
    }

    [TestCase("""{}""", "title", TestName = "Post_WithoutTitle_Returns422")]
    [TestCase("""{"title":null}""", "title", TestName = "Post_WithNullTitle_Returns422")]
    [TestCase("""{"title":"   "}""", "title", TestName = "Post_WithBlankTitle_Returns422")]
    [TestCase("""{"title":""}""", "title", TestName = "Post_WithEmptyTitle_Returns422")]
    [TestCase("""{"title":"a\u0007b"}""", "title", TestName = "Post_WithControlCharacterInTitle_Returns422")]
    [TestCase("""{"title":42}""", "title", TestName = "Post_WithNumericTitle_Returns422")]
    [TestCase("""{"title":["a"]}""", "title", TestName = "Post_WithArrayTitle_Returns422")]
    [TestCase("""{"title":"ok","description":7}""", "description", TestName = "Post_WithNumericDescription_Returns422")]
    [TestCase("""{"title":"ok","description":"a\u0000b"}""", "description", TestName = "Post_WithNulInDescription_Returns422")]
    [TestCase("""{"title":"ok","completed":"yes"}""", "completed", TestName = "Post_WithStringCompleted_Returns422")]
    [TestCase("""{"title":"ok","completed":null}""", "completed", TestName = "Post_WithNullCompleted_Returns422")]
    [TestCase("""{"title":"ok","completed":1}""", "completed", TestName = "Post_WithNumericCompleted_Returns422")]
    [TestCase("""{"title":"\ud800"}""", "title", TestName = "Post_WithLoneSurrogateTitle_Returns422")]
    public async Task Post_WithInvalidField_Returns422NamingTheField(string json, string field)
    {
        using var response = await Client.PostAsync(Api.TasksPath(UserId), Api.Json(json));

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.That(problem.ErrorsFor(field), Is.Not.Empty);
        await AssertNoTasksAsync();
    }

    [Test]
    public async Task Post_WithTitleTooLong_Returns422()
    {
        using var response = await Client.PostAsync(Api.TasksPath(UserId), Api.Json($$"""{"title":"{{new string('x', 256)}}"}"""));

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.That(problem.ErrorsFor("title"), Has.Some.Contains("255"));
    }

    [Test]
    public async Task Post_WithDescriptionTooLong_Returns422()
    {
        var json = $$"""{"title":"ok","description":"{{new string('d', 1001)}}"}""";
        using var response = await Client.PostAsync(Api.TasksPath(UserId), Api.Json(json));

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.That(problem.ErrorsFor("description"), Has.Some.Contains("1000"));
    }

    [TestCase("""{"title":""", TestName = "Post_WithTruncatedJson_Returns400")]
    [TestCase("""{"title":"a",}""", TestName = "Post_WithTrailingComma_Returns400")]
    [TestCase("""{"title":"a","title":"b"}""", TestName = "Post_WithDuplicateProperty_Returns400")]
    [TestCase("""["title"]""", TestName = "Post_WithArrayBody_Returns400")]
    [TestCase("""null""", TestName = "Post_WithNullBody_Returns400")]
    [TestCase("""  """, TestName = "Post_WithBlankBody_Returns400")]
    [TestCase("""not json""", TestName = "Post_WithTextBody_Returns400")]
    public async Task Post_WithBodyThatIsNotAJsonObject_Returns400(string body)
    {
        using var response = await Client.PostAsync(Api.TasksPath(UserId), Api.Json(body));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        await AssertNoTasksAsync();
    }

    [Test]
    public async Task Post_WithEmptyBody_Returns400()
    {
        using var content = new ByteArrayContent([]);
        content.Headers.ContentType = new("application/json");
        using var response = await Client.PostAsync(Api.TasksPath(UserId), content);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Post_WithInvalidUtf8_Returns400()
    {
        using var content = new ByteArrayContent([.. "{\"title\":\""u8, 0xC3, 0x28, .. "\"}"u8]);
        content.Headers.ContentType = new("application/json");
        using var response = await Client.PostAsync(Api.TasksPath(UserId), content);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Post_WithBytesThatDoNotFitTheDeclaredCharset_Returns400()
    {
        // Found by the fuzzer: an odd number of bytes cannot be UTF-16, and transcoding them used to answer 500.
        using var content = new ByteArrayContent("{\"title\":\"x\"}"u8.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=utf-16");
        using var response = await Client.PostAsync(Api.TasksPath(UserId), content);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        await AssertNoTasksAsync();
    }

    [Test]
    public async Task Post_WithDeeplyNestedJson_Returns400()
    {
        var json = """{"title":"deep","extra":""" + new string('[', 200) + new string(']', 200) + "}";
        using var response = await Client.PostAsync(Api.TasksPath(UserId), Api.Json(json));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [TestCase("text/plain")]
    [TestCase("application/x-www-form-urlencoded")]
    [TestCase("application/xml")]
    public async Task Post_WithNonJsonContentType_Returns415(string mediaType)
    {
        using var response = await Client.PostAsync(
            Api.TasksPath(UserId), new StringContent("""{"title":"x"}""", Encoding.UTF8, mediaType));

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
        await AssertNoTasksAsync();
    }

    [Test]
    public async Task Post_WithoutContentType_Returns415()
    {
        using var content = new ByteArrayContent("""{"title":"x"}"""u8.ToArray());
        using var response = await Client.PostAsync(Api.TasksPath(UserId), content);

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Test]
    public async Task Post_WithBodyOver64KiB_Returns413()
    {
        var json = $$"""{"title":"big","padding":"{{new string('p', 64 * 1024)}}"}""";
        using var response = await Client.PostAsync(Api.TasksPath(UserId), Api.Json(json));

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        await AssertNoTasksAsync();
    }

    [Test]
    public async Task Post_WithChunkedBodyOver64KiB_Returns413()
    {
        var json = $$"""{"title":"big","padding":"{{new string('p', 64 * 1024)}}"}""";
        using var content = new StreamContent(new NonSeekableStream(Encoding.UTF8.GetBytes(json)));
        content.Headers.ContentType = new("application/json");
        using var response = await Client.PostAsync(Api.TasksPath(UserId), content);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Test]
    public async Task Post_WithBodyJustUnder64KiB_IsRead()
    {
        var json = $$"""{"title":"fits","padding":"{{new string('p', 60 * 1024)}}"}""";
        using var response = await Client.PostAsync(Api.TasksPath(UserId), Api.Json(json));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [Test]
    public async Task Post_ForAnotherUser_Returns403EvenWithAMalformedBody()
    {
        using var response = await Client.PostAsync(Api.TasksPath(Api.NewUserId()), Api.Json("""{"title":"""));

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task Post_WithoutToken_Returns401BeforeLookingAtTheBody()
    {
        using var anonymous = Factory.ClientWithToken(null);
        using var response = await anonymous.PostAsync(Api.TasksPath(UserId), new StringContent("x", Encoding.UTF8, "text/plain"));

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    private async Task AssertNoTasksAsync()
    {
        using var list = await Client.GetAsync(Api.TasksPath(UserId));
        Assert.That((await list.BodyAsync()).GetArrayLength(), Is.Zero);
    }

    /// <summary>Hides the length, so that the client has to send the body chunked.</summary>
    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
