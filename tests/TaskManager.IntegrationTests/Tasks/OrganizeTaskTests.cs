using System.Net;
using System.Text.Json;
using TaskManager.IntegrationTests.Infrastructure;

namespace TaskManager.IntegrationTests.Tasks;

/// <summary>due_at, priority, tags and completed_at through POST, PUT and PATCH.</summary>
public sealed class OrganizeTaskTests(TestDatabase database) : ApiFixture(database)
{
    private static readonly string FortyCharacters = new('x', 40);

    [Test]
    public async Task Post_WithDuePriorityAndTags_StoresThemAsTheGetShowsThem()
    {
        var created = await Client.CreateTaskAsync(
            UserId, """{"title":"Plan","due_at":"2026-12-24T10:00:00.1239+02:00","priority":"high","tags":[" Work ","home","WORK","Ünïcode ß"]}""");
        var (fetched, _) = await Client.GetTaskAsync(UserId, created.Id());

        Assert.Multiple(() =>
        {
            Assert.That(created.GetProperty("due_at").GetString(), Is.EqualTo("2026-12-24T08:00:00.123Z"));
            Assert.That(created.GetProperty("priority").GetString(), Is.EqualTo("high"));
            Assert.That(Tags(created), Is.EqualTo(new[] { "Work", "home", "Ünïcode ß" }));
            Assert.That(created.GetProperty("completed_at").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(fetched.ToString(), Is.EqualTo(created.ToString()));
        });
    }

    [Test]
    public async Task Post_WithTwentyTagsOfFortyCharacters_Returns201()
    {
        var tags = Enumerable.Range(0, 20).Select(i => $"\"{i:D2}{FortyCharacters[2..]}\"");

        var created = await Client.CreateTaskAsync(UserId, $$"""{"title":"t","tags":[{{string.Join(',', tags)}}]}""");

        Assert.That(Tags(created), Has.Length.EqualTo(20).And.All.Length.EqualTo(40));
    }

    [TestCase("""{"title":"t","tags":["a","b","c","d","e","f","g","h","i","j","k","l","m","n","o","p","q","r","s","t","u"]}""", "tags")]
    [TestCase("""{"title":"t","tags":["ok","xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"]}""", "tags[1]")]
    [TestCase("""{"title":"t","tags":["ok","ok2","  "]}""", "tags[2]")]
    [TestCase("""{"title":"t","tags":["a\u0007"]}""", "tags[0]")]
    [TestCase("""{"title":"t","tags":["a",5]}""", "tags")]
    [TestCase("""{"title":"t","tags":null}""", "tags")]
    [TestCase("""{"title":"t","tags":"work"}""", "tags")]
    [TestCase("""{"title":"t","priority":"High"}""", "priority")]
    [TestCase("""{"title":"t","priority":null}""", "priority")]
    [TestCase("""{"title":"t","priority":2}""", "priority")]
    [TestCase("""{"title":"t","due_at":"2026-12-24"}""", "due_at")]
    [TestCase("""{"title":"t","due_at":"2026-12-24T10:00:00"}""", "due_at")]
    [TestCase("""{"title":"t","due_at":1766563200}""", "due_at")]
    public async Task PostAndPut_WithABrokenRule_Return422NamingTheFieldAndWriteNothing(string body, string field)
    {
        var task = await Client.CreateTaskAsync(UserId, """{"title":"before"}""");
        using var post = await Client.PostAsync(Api.TasksPath(UserId), Api.Json(body));
        using var put = await Client.SendAsync(HttpMethod.Put, Api.TaskPath(UserId, task.Id()), body);
        var (after, etag) = await Client.GetTaskAsync(UserId, task.Id());
        using var list = await Client.GetAsync(Api.TasksPath(UserId));

        var postProblem = await post.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var putProblem = await put.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Multiple(async () =>
        {
            Assert.That(postProblem.ErrorsFor(field), Is.Not.Empty, postProblem.ToString());
            Assert.That(putProblem.ErrorsFor(field), Is.Not.Empty, putProblem.ToString());
            Assert.That(etag, Is.EqualTo("\"v1\""));
            Assert.That(after.ToString(), Is.EqualTo(task.ToString()));
            Assert.That((await list.BodyAsync()).GetArrayLength(), Is.EqualTo(1));
        });
    }

    [TestCase("""{"due_at":"2027-01-01T00:00:00Z"}""")]
    [TestCase("""{"priority":"low"}""")]
    [TestCase("""{"tags":["b","a"]}""")]
    [TestCase("""{"tags":["A","b"]}""")]
    [TestCase("""{"tags":[]}""")]
    [TestCase("""{"due_at":null}""")]
    public async Task Put_ChangingAnOrganizingField_MovesUpdatedAtAndTheETag(string body)
    {
        var task = await Client.CreateTaskAsync(UserId, """{"title":"t","due_at":"2026-12-24T00:00:00Z","tags":["a","b"]}""");
        Factory.Clock.Advance(TimeSpan.FromSeconds(5));

        using var response = await Client.SendAsync(HttpMethod.Put, Api.TaskPath(UserId, task.Id()), body, h => h.IfMatch.ParseAdd("\"v1\""));
        var updated = await response.BodyAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), updated.ToString());
            Assert.That(response.Headers.ETag!.Tag, Is.EqualTo("\"v2\""));
            Assert.That(updated.GetProperty("updated_at").GetString(), Is.Not.EqualTo(task.GetProperty("updated_at").GetString()));
        });
    }

    [TestCase("""{"due_at":"2026-12-24T02:00:00.0004+02:00"}""")]
    [TestCase("""{"priority":"none"}""")]
    [TestCase("""{"tags":[" a","b","A"]}""")]
    [TestCase("""{}""")]
    public async Task Put_WithTheValuesTheTaskHas_ChangesNothing(string body)
    {
        var task = await Client.CreateTaskAsync(UserId, """{"title":"t","due_at":"2026-12-24T00:00:00Z","tags":["a","b"]}""");
        Factory.Clock.Advance(TimeSpan.FromSeconds(5));

        using var response = await Client.SendAsync(HttpMethod.Put, Api.TaskPath(UserId, task.Id()), body);

        Assert.That(response.Headers.ETag!.Tag, Is.EqualTo("\"v1\""));
        Assert.That((await response.BodyAsync()).ToString(), Is.EqualTo(task.ToString()));
    }

    [Test]
    public async Task Put_WithTags_ReplacesTheListAndLeavesAbsentFieldsAlone()
    {
        var task = await Client.CreateTaskAsync(UserId, """{"title":"t","priority":"medium","due_at":"2026-12-24T00:00:00Z","tags":["a","b","c"]}""");

        using var response = await Client.SendAsync(HttpMethod.Put, Api.TaskPath(UserId, task.Id()), """{"tags":["C","d"]}""");
        var (fetched, _) = await Client.GetTaskAsync(UserId, task.Id());

        Assert.Multiple(() =>
        {
            Assert.That(Tags(fetched), Is.EqualTo(new[] { "C", "d" }));
            Assert.That(fetched.GetProperty("priority").GetString(), Is.EqualTo("medium"));
            Assert.That(fetched.GetProperty("due_at").GetString(), Is.EqualTo("2026-12-24T00:00:00.000Z"));
        });
    }

    [Test]
    public async Task CompleteAndPut_SetAndClearCompletedAt()
    {
        var task = await Client.CreateTaskAsync(UserId);
        Factory.Clock.Advance(TimeSpan.FromSeconds(5));
        using var complete = await Client.SendAsync(HttpMethod.Patch, Api.TaskPath(UserId, task.Id()) + "/complete");
        var completed = await complete.BodyAsync();
        Factory.Clock.Advance(TimeSpan.FromSeconds(5));
        using var reopen = await Client.SendAsync(HttpMethod.Put, Api.TaskPath(UserId, task.Id()), """{"completed":false}""");
        using var created = await Client.PostAsync(Api.TasksPath(UserId), Api.Json("""{"title":"done","completed":true,"completed_at":"2000-01-01T00:00:00Z"}"""));
        var createdDone = await created.BodyAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(completed.GetProperty("completed_at").GetString(), Is.EqualTo(completed.GetProperty("updated_at").GetString()));
            Assert.That(completed.GetProperty("completed_at").GetString(), Is.Not.EqualTo(task.GetProperty("created_at").GetString()));
            Assert.That((await reopen.BodyAsync()).GetProperty("completed_at").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(createdDone.GetProperty("completed_at").GetString(), Is.EqualTo(createdDone.GetProperty("created_at").GetString()),
                "completed_at is the server's, whatever the body says");
        });
    }

    private static string[] Tags(JsonElement task) => task.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).ToArray();
}
