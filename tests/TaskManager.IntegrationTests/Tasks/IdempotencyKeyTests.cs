using System.Net;
using Microsoft.AspNetCore.Http;
using TaskManager.IntegrationTests.Infrastructure;

namespace TaskManager.IntegrationTests.Tasks;

/// <summary>Idempotency-Key on POST /tasks and PATCH …/complete: replays, refusals, and what one request writes.</summary>
public sealed class IdempotencyKeyTests(TestDatabase database) : ApiFixture(database)
{
    private const string Header = "Idempotency-Key";
    private const string Replayed = "Idempotent-Replayed";

    [Test]
    public async Task Post_WithTheSameKeyTwice_ReplaysTheFirstResponseAndCreatesOneTask()
    {
        using var first = await PostAsync("create-1", """{"title":"Buy milk"}""");
        using var second = await PostAsync("create-1", """{"title":"Buy milk"}""");

        Assert.Multiple(async () =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(first.Headers.Contains(Replayed), Is.False);
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(second.Headers.GetValues(Replayed), Is.EqualTo(new[] { "true" }));
            Assert.That(await second.Content.ReadAsStringAsync(), Is.EqualTo(await first.Content.ReadAsStringAsync()));
            Assert.That(second.Content.Headers.ContentType, Is.EqualTo(first.Content.Headers.ContentType));
            Assert.That(second.Headers.ETag, Is.EqualTo(first.Headers.ETag));
            Assert.That(second.Headers.Location, Is.EqualTo(first.Headers.Location));
            Assert.That(await CountTasksAsync(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Post_WithTheSameKeyAndTheSameMeaningSpelledDifferently_Replays()
    {
        using var first = await PostAsync("spelling", """{"title":"Buy milk","description":null}""");
        using var second = await PostAsync("spelling", """ { "description" : null, "id": "ignored", "title" : "Buy milk" } """);

        Assert.That(second.Headers.GetValues(Replayed), Is.EqualTo(new[] { "true" }));
        Assert.That(await CountTasksAsync(), Is.EqualTo(1));
    }

    [TestCase("""{"title":"Buy bread"}""", TestName = "Post_WithTheSameKeyAndAnotherTitle_Is422NamingTheKey")]
    [TestCase("""{"title":"Buy milk","completed":false}""", TestName = "Post_WithTheSameKeyAndAMemberAdded_Is422NamingTheKey")]
    public async Task Post_WithTheSameKeyAndADifferentBody_Is422NamingTheKey(string otherBody)
    {
        using var first = await PostAsync("reused", """{"title":"Buy milk"}""");
        using var second = await PostAsync("reused", otherBody);

        var problem = await second.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        // Named as every error key is, in lower case (header names are case-insensitive).
        Assert.That(problem.GetProperty("errors").EnumerateObject().Select(e => e.Name), Is.EqualTo(new[] { "idempotency-key" }));
        Assert.That(await CountTasksAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task TheSameKeyOnAnotherRoute_Is422AndChangesNothing()
    {
        using var created = await PostAsync("route", """{"title":"Buy milk"}""");
        var id = (await created.BodyAsync()).Id();
        var other = await Client.CreateTaskAsync(UserId, """{"title":"Other"}""");

        using var patch = await SendAsync(HttpMethod.Patch, Api.TaskPath(UserId, id) + "/complete", "route");
        using var patchFirst = await SendAsync(HttpMethod.Patch, Api.TaskPath(UserId, other.Id()) + "/complete", "route-2");
        using var patchOther = await SendAsync(HttpMethod.Patch, Api.TaskPath(UserId, id) + "/complete", "route-2");

        await patch.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        await patchOther.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var (task, _) = await Client.GetTaskAsync(UserId, id);
        Assert.That(task.GetProperty("completed").GetBoolean(), Is.False);
    }

    [Test]
    public async Task Patch_WithTheSameKeyTwice_TogglesOnceAndReplays()
    {
        var task = await Client.CreateTaskAsync(UserId);
        var path = Api.TaskPath(UserId, task.Id()) + "/complete";

        using var first = await SendAsync(HttpMethod.Patch, path, "toggle");
        using var second = await SendAsync(HttpMethod.Patch, path, "toggle");

        var (stored, etag) = await Client.GetTaskAsync(UserId, task.Id());
        Assert.Multiple(async () =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(second.Headers.GetValues(Replayed), Is.EqualTo(new[] { "true" }));
            Assert.That(second.Headers.Location, Is.Null);
            Assert.That(await second.Content.ReadAsStringAsync(), Is.EqualTo(await first.Content.ReadAsStringAsync()));
            Assert.That(stored.GetProperty("completed").GetBoolean(), Is.True, "toggled once, not back");
            Assert.That(etag, Is.EqualTo("\"v2\"").And.EqualTo(second.Headers.ETag!.ToString()));
        });
    }

    [Test]
    public async Task Patch_WithTheSameKey_WithoutABodyThenWithAnEmptyObject_Replays()
    {
        var task = await Client.CreateTaskAsync(UserId);
        var path = Api.TaskPath(UserId, task.Id()) + "/complete";

        using var first = await SendAsync(HttpMethod.Patch, path, "toggle-spelled");
        using var second = await SendAsync(HttpMethod.Patch, path, "toggle-spelled", "{}");
        using var third = await SendAsync(HttpMethod.Patch, path, "toggle-spelled", """{"completed":true}""");

        Assert.That(second.Headers.GetValues(Replayed), Is.EqualTo(new[] { "true" }), "both toggle: one request");
        await third.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Test]
    public async Task TheSameKey_ForTwoUsers_IsTwoKeys()
    {
        var bob = Api.NewUserId();
        using var bobClient = Factory.ClientFor(bob);

        using var mine = await PostAsync("shared", """{"title":"Mine"}""");
        using var request = new HttpRequestMessage(HttpMethod.Post, Api.TasksPath(bob)) { Content = Api.Json("""{"title":"Bob's"}""") };
        request.Headers.TryAddWithoutValidation(Header, "shared");
        using var bobs = await bobClient.SendAsync(request);

        Assert.Multiple(async () =>
        {
            Assert.That(mine.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(bobs.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(bobs.Headers.Contains(Replayed), Is.False);
            Assert.That((await bobs.BodyAsync()).GetProperty("title").GetString(), Is.EqualTo("Bob's"));
        });
    }

    [Test]
    public async Task AFailedRequest_GivesItsKeyBack_SoItsRetryRuns()
    {
        using var invalid = await PostAsync("retry-after-error", """{"title":" "}""");
        using var valid = await PostAsync("retry-after-error", """{"title":"Fixed"}""");
        using var missing = await SendAsync(HttpMethod.Patch, Api.TaskPath(UserId, Guid.NewGuid().ToString()) + "/complete", "missing");
        using var missingAgain = await SendAsync(HttpMethod.Patch, Api.TaskPath(UserId, Guid.NewGuid().ToString()) + "/complete", "missing");

        await invalid.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.That(valid.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(valid.Headers.Contains(Replayed), Is.False);
        await missing.AssertProblemAsync(HttpStatusCode.NotFound);
        await missingAgain.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [TestCase("has space", TestName = "Key_WithASpace_Is400")]
    [TestCase("tab\there", TestName = "Key_WithAControlCharacter_Is400")]
    [TestCase("clé", TestName = "Key_NotAscii_Is400")]
    [TestCase("x", "y", TestName = "Key_SentTwice_Is400")]
    public async Task MalformedKey_Is400NamingTheHeader_AndWritesNothing(params string[] values)
    {
        using var post = await SendAsync(HttpMethod.Post, Api.TasksPath(UserId), values, """{"title":"t"}""");

        var problem = await post.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain(Header));
        Assert.That(await CountTasksAsync(), Is.EqualTo(0));
    }

    [Test]
    public async Task Key_Empty_Is400()
    {
        // HttpClient leaves out a header without a value; a client on the wire can send one.
        var context = await Factory.Server.SendAsync(request =>
        {
            request.Request.Method = "POST";
            request.Request.Path = Api.TasksPath(UserId);
            request.Request.Headers.Authorization = Client.DefaultRequestHeaders.Authorization!.ToString();
            request.Request.Headers[Header] = "";
            request.Request.ContentType = "application/json";
            request.Request.Body = new MemoryStream("""{"title":"t"}"""u8.ToArray());
        });

        Assert.That(context.Response.StatusCode, Is.EqualTo(StatusCodes.Status400BadRequest));
        Assert.That(context.Response.ContentType, Does.StartWith("application/problem+json"));
        Assert.That(await CountTasksAsync(), Is.EqualTo(0));
    }

    [Test]
    public async Task Key_OfTheLongestLength_IsAccepted_AndOneMoreIs400()
    {
        using var longest = await PostAsync(new string('k', 255), """{"title":"t"}""");
        using var tooLong = await PostAsync(new string('k', 256), """{"title":"t"}""");

        Assert.That(longest.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        await tooLong.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    private Task<HttpResponseMessage> PostAsync(string key, string json) => SendAsync(HttpMethod.Post, Api.TasksPath(UserId), key, json);

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string key, string? json = null) =>
        SendAsync(method, path, [key], json);

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string[] keys, string? json)
    {
        using var request = new HttpRequestMessage(method, path) { Content = json is null ? null : Api.Json(json) };
        foreach (var key in keys)
        {
            request.Headers.TryAddWithoutValidation(Header, key);
        }

        return await Client.SendAsync(request);
    }

    private async Task<int> CountTasksAsync()
    {
        using var list = await Client.GetAsync(Api.TasksPath(UserId));
        return int.Parse(list.Headers.GetValues("X-Total-Count").Single(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
