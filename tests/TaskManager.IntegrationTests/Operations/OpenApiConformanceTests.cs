using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Tasks;
using TaskManager.Application.Tasks.Changes;
using TaskManager.Domain.Tasks;
using TaskManager.Infrastructure.Sync;
using TaskManager.IntegrationTests.Infrastructure;

namespace TaskManager.IntegrationTests.Operations;

/// <summary>
/// /openapi/v1.json against the wire. Every client of the suite already checks its responses against the document
/// (<see cref="OpenApiConformanceHandler"/>); this test makes the API produce every status the document lists for
/// every operation, so a documented response that never happens fails as surely as an undocumented one that does.
/// </summary>
public sealed class OpenApiConformanceTests
{
    private const string ProblemJson = "application/problem+json";
    private static readonly string TooLarge = $$"""{"title":"{{new string('x', 65 * 1024)}}"}""";

    [Test]
    public async Task EveryResponseTheDocumentLists_IsProducedAndMatchesTheDocument()
    {
        var observed = new List<ObservedResponse>();
        using (var factory = new TaskManagerApiFactory())
        {
            await ExerciseEveryOperationAsync(factory, observed);
        }

        using (var failing = new TaskManagerApiFactory(services: s => s.AddScoped<ITaskRepository, FailingTaskRepository>().AddScoped<IChangeFeed, FailingChangeFeed>()))
        {
            await CallEveryOperationAsync(failing, observed, HttpStatusCode.InternalServerError);
        }

        // A PostgreSQL server on a port where nothing listens, as in DatabaseFailureTests.
        using (var unreachable = new TaskManagerApiFactory(
            new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Postgres",
                ["ConnectionStrings:TaskManager"] = "Host=127.0.0.1;Port=1;Username=nobody;Database=nothing;Timeout=2",
                ["Database:MigrateOnStartup"] = "false",
            },
            database: TestDatabase.Postgres,
            databaseName: "unreachable"))
        {
            await CallEveryOperationAsync(unreachable, observed, HttpStatusCode.ServiceUnavailable);
        }

        using (var httpsOnly = new TaskManagerApiFactory(new Dictionary<string, string?> { ["Https:Required"] = "true" }))
        {
            await CallEveryOperationAsync(httpsOnly, observed, HttpStatusCode.BadRequest);
        }

        using (var limited = new TaskManagerApiFactory(new Dictionary<string, string?> { ["RateLimiting:PermitLimit"] = "1" }))
        {
            var user = Api.NewUserId();
            using (var first = limited.ClientFor(user))
            {
                using var spent = await first.GetAsync(Api.TasksPath(user));
            }

            await CallEveryOperationAsync(limited, observed, HttpStatusCode.TooManyRequests, userId: user);
        }

        using (var plain = new TaskManagerApiFactory())
        {
            await CallEveryOperationAsync(plain, observed, HttpStatusCode.RequestUriTooLong, query: "?q=" + new string('q', 5000));
        }

        var gate = new GatedSaves();
        using (var held = new TaskManagerApiFactory(services: gate.AddTo))
        {
            await CallIdempotentOperationsInFlightAsync(held, gate, observed);
        }

        using var any = new TaskManagerApiFactory();
        var contract = await OpenApiContract.ForAsync(any);
        var documented = contract.DocumentedResponses().ToHashSet();
        var seen = observed.Select(o => (o.OperationId, o.Status)).ToHashSet();
        Assert.Multiple(() =>
        {
            Assert.That(documented.Select(d => d.OperationId).Distinct(), Is.EquivalentTo(
                new[] { "ListTasks", "CreateTask", "GetTask", "UpdateTask", "DeleteTask", "CompleteTask", "ListTags", "GetTaskChanges", "GetTaskEvents" }));
            Assert.That(documented.Except(seen), Is.Empty, "documented, but never produced");
            Assert.That(seen.Except(documented), Is.Empty, "produced, but not documented");
            Assert.That(observed.SelectMany(o => o.Violations), Is.Empty);
        });
    }

    [Test]
    public async Task Validator_RejectsAnUndocumentedMember_AMissingRequiredOne_AndBrokenLimits()
    {
        using var factory = new TaskManagerApiFactory();
        var user = Api.NewUserId();
        using var client = factory.ClientFor(user);
        var task = await client.CreateTaskAsync(user);
        var contract = await OpenApiContract.ForAsync(factory);

        JsonObject Changed(Action<JsonObject> change)
        {
            var copy = JsonNode.Parse(task.GetRawText())!.AsObject();
            change(copy);
            return copy;
        }

        Assert.Multiple(() =>
        {
            Assert.That(contract.ValidateComponent("TaskDto", task.GetRawText()), Is.Empty);
            Assert.That(contract.ValidateComponent("TaskDto", Changed(t => t["version"] = 1).ToJsonString()), Is.Not.Empty);
            Assert.That(contract.ValidateComponent("TaskDto", Changed(t => t.Remove("description")).ToJsonString()), Is.Not.Empty);
            Assert.That(contract.ValidateComponent("TaskDto", Changed(t => t["title"] = new string('x', 256)).ToJsonString()), Is.Not.Empty);
            Assert.That(contract.ValidateComponent("TaskDto", Changed(t => t["completed"] = "yes").ToJsonString()), Is.Not.Empty);
            Assert.That(contract.ValidateComponent("TaskDto", Changed(t => t["id"] = "not-a-uuid").ToJsonString()), Is.Not.Empty);
            Assert.That(contract.ValidateComponent("TaskDto", Changed(t => t["description"] = null).ToJsonString()), Is.Empty);
            Assert.That(contract.ValidateComponent("ProblemDetails", """{"type":"t","title":"T","status":404,"instance":"/x","trace_id":"1","traceId":"1"}"""), Is.Not.Empty);
            Assert.That(contract.ValidateComponent("ValidationProblemDetails", """{"type":"t","title":"T","status":422,"instance":"/x","trace_id":"1"}"""), Is.Not.Empty);
        });
    }

    [Test]
    public async Task Check_FlagsAnUndocumentedStatus_AMissingHeader_AnUndocumentedHeader_AndAnUnexpectedBody()
    {
        using var factory = new TaskManagerApiFactory();
        var contract = await OpenApiContract.ForAsync(factory);
        var taskUri = new Uri($"http://localhost/api/u/tasks/{Guid.NewGuid()}");
        const string body = """{"id":"0f8fad5b-d9cb-469f-a165-70867728950e","user_id":"u","title":"t","description":null,"completed":false,"created_at":"2026-11-24T03:04:48.771Z","updated_at":"2026-11-24T03:04:48.771Z","due_at":null,"priority":"none","tags":[],"completed_at":null}""";

        static HttpResponseMessage Response(HttpStatusCode status, string? json = null, string mediaType = "application/json")
        {
            var response = new HttpResponseMessage(status);
            if (json is not null)
            {
                response.Content = new StringContent(json, Encoding.UTF8, mediaType);
            }

            return response;
        }

        using var teapot = Response((HttpStatusCode)418);
        using var noETag = Response(HttpStatusCode.OK, body);
        using var withETag = Response(HttpStatusCode.OK, body);
        withETag.Headers.ETag = new EntityTagHeaderValue("\"v1\"");
        using var strayLocation = Response(HttpStatusCode.OK, body);
        strayLocation.Headers.ETag = new EntityTagHeaderValue("\"v1\"");
        strayLocation.Headers.Location = taskUri;
        using var bodyOn204 = Response(HttpStatusCode.NoContent, "{}");
        using var plainProblem = Response(HttpStatusCode.NotFound, """{"type":"t","title":"T","status":404,"instance":"/x","trace_id":"1"}""");

        Assert.Multiple(() =>
        {
            Assert.That(contract.Check(HttpMethod.Get, taskUri, teapot, "")!.Violations, Is.Not.Empty, "418");
            Assert.That(contract.Check(HttpMethod.Get, taskUri, noETag, body)!.Violations, Is.Not.Empty, "no ETag");
            Assert.That(contract.Check(HttpMethod.Get, taskUri, withETag, body)!.Violations, Is.Empty, "a good 200");
            Assert.That(contract.Check(HttpMethod.Get, taskUri, strayLocation, body)!.Violations, Is.Not.Empty, "Location on a 200");
            Assert.That(contract.Check(HttpMethod.Delete, taskUri, bodyOn204, "{}")!.Violations, Is.Not.Empty, "a body on a 204");
            Assert.That(contract.Check(HttpMethod.Get, taskUri, plainProblem, plainProblem.Content.ReadAsStringAsync().Result)!.Violations,
                Is.Not.Empty, "a problem as application/json");
            Assert.That(contract.Check(HttpMethod.Get, new Uri("http://localhost/api/u/nothing"), teapot, ""), Is.Null, "not an operation");
        });
    }

    private static async Task ExerciseEveryOperationAsync(TaskManagerApiFactory factory, List<ObservedResponse> observed)
    {
        var alice = Api.NewUserId();
        using var client = factory.ClientFor(alice, observed);
        using var anonymous = factory.ClientWithToken(null, observed);
        using var stranger = factory.ClientFor(Api.NewUserId(), observed);
        var tasks = Api.TasksPath(alice);

        // POST
        using var created = await SendExpectingAsync(client, HttpMethod.Post, tasks, HttpStatusCode.Created, """{"title":"First","description":"One"}""");
        var id = (await created.BodyAsync()).Id();
        await ExpectAsync(client, HttpMethod.Post, tasks, HttpStatusCode.Created, """{"title":"Second","completed":true}""");
        await ExpectAsync(client, HttpMethod.Post, tasks, HttpStatusCode.Created, """{"title":"Third","due_at":"2026-12-24T10:00:00+01:00","priority":"low","tags":["Work","home"]}""");
        await ExpectAsync(client, HttpMethod.Post, tasks, HttpStatusCode.Created, """{"title":"Fourth"}""", IdempotencyKey("fourth"));
        await ExpectAsync(client, HttpMethod.Post, tasks, HttpStatusCode.Created, """{"title":"Fourth"}""", IdempotencyKey("fourth"));
        await ExpectAsync(client, HttpMethod.Post, tasks, HttpStatusCode.UnprocessableEntity, """{"title":"Other"}""", IdempotencyKey("fourth"));
        await ExpectBodyErrorsAsync(client, HttpMethod.Post, tasks, """{"title":" "}""");
        await ExpectAsync(anonymous, HttpMethod.Post, tasks, HttpStatusCode.Unauthorized, """{"title":"t"}""");
        await ExpectAsync(stranger, HttpMethod.Post, tasks, HttpStatusCode.Forbidden, """{"title":"t"}""");

        // GET list
        using var page = await SendExpectingAsync(client, HttpMethod.Get, tasks + "?limit=2&sort=title", HttpStatusCode.OK);
        Assert.That(page.Headers.Contains("Link"), Is.True, "a first page of two out of three has a next link");
        await ExpectAsync(client, HttpMethod.Get, tasks + "?status=pending&q=first", HttpStatusCode.OK);
        await ExpectAsync(client, HttpMethod.Get, tasks + "?status=bogus", HttpStatusCode.BadRequest);
        await ExpectAsync(client, HttpMethod.Get, tasks + "?priority=low,high&tag=WORK&due_before=2027-01-01T00:00:00Z&due_after=2026-01-01T00:00:00%2B02:00&sort=due&order=desc", HttpStatusCode.OK);
        await ExpectAsync(client, HttpMethod.Get, tasks + "?due_before=2027-01-01", HttpStatusCode.BadRequest);
        await ExpectAsync(client, HttpMethod.Get, tasks, HttpStatusCode.RequestEntityTooLarge, TooLarge);
        await ExpectAsync(anonymous, HttpMethod.Get, tasks, HttpStatusCode.Unauthorized);
        await ExpectAsync(stranger, HttpMethod.Get, tasks, HttpStatusCode.Forbidden);

        // GET tags
        var tags = $"/api/{alice}/tags";
        await ExpectAsync(client, HttpMethod.Get, tags, HttpStatusCode.OK);
        await ExpectAsync(client, HttpMethod.Get, tags, HttpStatusCode.RequestEntityTooLarge, TooLarge);
        await ExpectAsync(anonymous, HttpMethod.Get, tags, HttpStatusCode.Unauthorized);
        await ExpectAsync(stranger, HttpMethod.Get, tags, HttpStatusCode.Forbidden);

        // GET one
        var task = Api.TaskPath(alice, id);
        var missing = Api.TaskPath(alice, Guid.NewGuid().ToString());
        using var got = await SendExpectingAsync(client, HttpMethod.Get, task, HttpStatusCode.OK);
        var etag = got.Headers.ETag!.ToString();
        await ExpectAsync(client, HttpMethod.Get, task, HttpStatusCode.NotModified, headers: h => h.TryAddWithoutValidation("If-None-Match", etag));
        await ExpectAsync(client, HttpMethod.Get, missing, HttpStatusCode.NotFound);
        await ExpectAsync(client, HttpMethod.Get, Api.TaskPath(alice, "not-a-uuid"), HttpStatusCode.NotFound);
        await ExpectAsync(client, HttpMethod.Get, task, HttpStatusCode.RequestEntityTooLarge, TooLarge);
        await ExpectAsync(anonymous, HttpMethod.Get, task, HttpStatusCode.Unauthorized);
        await ExpectAsync(stranger, HttpMethod.Get, task, HttpStatusCode.Forbidden);

        // PUT
        using var updated = await SendExpectingAsync(client, HttpMethod.Put, task, HttpStatusCode.OK, """{"description":null}""",
            h => h.TryAddWithoutValidation("If-Match", etag));
        etag = updated.Headers.ETag!.ToString();
        await ExpectAsync(client, HttpMethod.Put, task, HttpStatusCode.PreconditionFailed, """{"title":"t"}""",
            h => h.TryAddWithoutValidation("If-Match", "\"v999\""));
        await ExpectAsync(client, HttpMethod.Put, missing, HttpStatusCode.NotFound, """{"title":"t"}""");
        await ExpectBodyErrorsAsync(client, HttpMethod.Put, task, """{"title":null}""");
        await ExpectAsync(anonymous, HttpMethod.Put, task, HttpStatusCode.Unauthorized, """{"title":"t"}""");
        await ExpectAsync(stranger, HttpMethod.Put, task, HttpStatusCode.Forbidden, """{"title":"t"}""");

        // PATCH /complete: no body toggles, a body sets
        var complete = task + "/complete";
        await ExpectAsync(client, HttpMethod.Patch, complete, HttpStatusCode.OK);
        await ExpectAsync(client, HttpMethod.Patch, complete, HttpStatusCode.OK, """{"completed":false}""");
        await ExpectAsync(client, HttpMethod.Patch, complete, HttpStatusCode.OK, """{"completed":false}""", IdempotencyKey("set-pending"));
        await ExpectAsync(client, HttpMethod.Patch, complete, HttpStatusCode.OK, """{"completed":false}""", IdempotencyKey("set-pending"));
        await ExpectAsync(client, HttpMethod.Patch, complete, HttpStatusCode.PreconditionFailed,
            headers: h => h.TryAddWithoutValidation("If-Match", etag));
        await ExpectAsync(client, HttpMethod.Patch, missing + "/complete", HttpStatusCode.NotFound);
        await ExpectBodyErrorsAsync(client, HttpMethod.Patch, complete, """{"completed":"yes"}""");
        await ExpectAsync(anonymous, HttpMethod.Patch, complete, HttpStatusCode.Unauthorized);
        await ExpectAsync(stranger, HttpMethod.Patch, complete, HttpStatusCode.Forbidden);

        // DELETE
        await ExpectAsync(client, HttpMethod.Delete, task, HttpStatusCode.PreconditionFailed,
            headers: h => h.TryAddWithoutValidation("If-Match", "\"v999\""));
        await ExpectAsync(client, HttpMethod.Delete, task, HttpStatusCode.RequestEntityTooLarge, TooLarge);
        await ExpectAsync(anonymous, HttpMethod.Delete, task, HttpStatusCode.Unauthorized);
        await ExpectAsync(stranger, HttpMethod.Delete, task, HttpStatusCode.Forbidden);
        await ExpectAsync(client, HttpMethod.Delete, task, HttpStatusCode.NoContent);
        await ExpectAsync(client, HttpMethod.Delete, task, HttpStatusCode.NotFound);

        await ExerciseSyncAsync(factory, observed);
    }

    private static async Task ExerciseSyncAsync(TaskManagerApiFactory factory, List<ObservedResponse> observed)
    {
        var bob = Api.NewUserId();
        using var client = factory.ClientFor(bob, observed);
        using var anonymous = factory.ClientWithToken(null, observed);
        using var stranger = factory.ClientFor(Api.NewUserId(), observed);
        var changes = Api.TasksPath(bob) + "/changes";
        var events = Api.TasksPath(bob) + "/events";
        var start = (await client.ReadPageAsync(bob)).GetProperty("next").GetString()!;
        var doomed = await client.CreateTaskAsync(bob);
        await client.CreateTaskAsync(bob);
        using (await client.DeleteAsync(Api.TaskPath(bob, doomed.Id())))
        {
        }

        // The first event of a stream resumed before the changes arrives at once; the checker reads it and closes.
        await ExpectAsync(client, HttpMethod.Get, changes + "?limit=1", HttpStatusCode.OK);
        await ExpectAsync(client, HttpMethod.Get, changes + "?since=" + start, HttpStatusCode.OK);
        await ExpectAsync(client, HttpMethod.Get, events + "?since=" + start, HttpStatusCode.OK);
        foreach (var path in new[] { changes, events })
        {
            await ExpectAsync(client, HttpMethod.Get, path + "?since=forged", HttpStatusCode.BadRequest);
            await ExpectAsync(client, HttpMethod.Get, path, HttpStatusCode.RequestEntityTooLarge, TooLarge);
            await ExpectAsync(anonymous, HttpMethod.Get, path, HttpStatusCode.Unauthorized);
            await ExpectAsync(stranger, HttpMethod.Get, path, HttpStatusCode.Forbidden);
        }

        factory.Clock.Advance(TimeSpan.FromDays(31));
        try
        {
            await factory.Services.GetRequiredService<TombstonePurger>().PurgeAsync(CancellationToken.None);
        }
        finally
        {
            factory.Clock.Reset();
        }

        await ExpectAsync(client, HttpMethod.Get, changes + "?since=" + start, HttpStatusCode.Gone);
        await ExpectAsync(client, HttpMethod.Get, events + "?since=" + start, HttpStatusCode.Gone);
    }

    /// <summary>The 409 of a key whose first request is still running, for each operation that takes an Idempotency-Key.</summary>
    private static async Task CallIdempotentOperationsInFlightAsync(TaskManagerApiFactory factory, GatedSaves gate, List<ObservedResponse> observed)
    {
        var user = Api.NewUserId();
        using var client = factory.ClientFor(user, observed);
        var id = (await client.CreateTaskAsync(user)).Id();
        foreach (var (method, path) in new[] { (HttpMethod.Post, Api.TasksPath(user)), (HttpMethod.Patch, Api.TaskPath(user, id) + "/complete") })
        {
            gate.Arm();
            var first = SendExpectingAsync(client, method, path, method == HttpMethod.Post ? HttpStatusCode.Created : HttpStatusCode.OK,
                """{"title":"t"}""", IdempotencyKey(method.Method));
            await gate.Entered;
            await ExpectAsync(client, method, path, HttpStatusCode.Conflict, """{"title":"t"}""", IdempotencyKey(method.Method));
            gate.Release();
            using var done = await first;
        }
    }

    private static Action<HttpRequestHeaders> IdempotencyKey(string key) => headers => headers.TryAddWithoutValidation("Idempotency-Key", key);

    /// <summary>400 (malformed, not an object), 413, 415 and the given 422 body, for an operation that reads a body.</summary>
    private static async Task ExpectBodyErrorsAsync(HttpClient client, HttpMethod method, string path, string invalid)
    {
        await ExpectAsync(client, method, path, HttpStatusCode.BadRequest, """{"title":""");
        await ExpectAsync(client, method, path, HttpStatusCode.BadRequest, """["title"]""");
        await ExpectAsync(client, method, path, HttpStatusCode.RequestEntityTooLarge, TooLarge);
        await ExpectAsync(client, method, path, HttpStatusCode.UnsupportedMediaType, content: new StringContent("title", Encoding.UTF8, "text/plain"));
        await ExpectAsync(client, method, path, HttpStatusCode.UnprocessableEntity, invalid);
    }

    private static async Task CallEveryOperationAsync(
        TaskManagerApiFactory factory, List<ObservedResponse> observed, HttpStatusCode expected, string query = "", string? userId = null)
    {
        var user = userId ?? Api.NewUserId();
        using var client = factory.ClientFor(user, observed);
        var task = Api.TaskPath(user, Guid.NewGuid().ToString());
        await ExpectAsync(client, HttpMethod.Get, Api.TasksPath(user) + query, expected);
        await ExpectAsync(client, HttpMethod.Post, Api.TasksPath(user) + query, expected, """{"title":"t"}""");
        await ExpectAsync(client, HttpMethod.Get, task + query, expected);
        await ExpectAsync(client, HttpMethod.Put, task + query, expected, """{"title":"t"}""");
        await ExpectAsync(client, HttpMethod.Patch, task + "/complete" + query, expected);
        await ExpectAsync(client, HttpMethod.Delete, task + query, expected);
        await ExpectAsync(client, HttpMethod.Get, $"/api/{user}/tags" + query, expected);
        await ExpectAsync(client, HttpMethod.Get, Api.TasksPath(user) + "/changes" + query, expected);
        await ExpectAsync(client, HttpMethod.Get, Api.TasksPath(user) + "/events" + query, expected);
    }

    private static async Task ExpectAsync(
        HttpClient client,
        HttpMethod method,
        string path,
        HttpStatusCode status,
        string? json = null,
        Action<HttpRequestHeaders>? headers = null,
        HttpContent? content = null)
    {
        using var response = await SendExpectingAsync(client, method, path, status, json, headers, content);
    }

    private static async Task<HttpResponseMessage> SendExpectingAsync(
        HttpClient client,
        HttpMethod method,
        string path,
        HttpStatusCode status,
        string? json = null,
        Action<HttpRequestHeaders>? headers = null,
        HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content ?? (json is null ? null : Api.Json(json)) };
        headers?.Invoke(request.Headers);
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), $"{method} {path}: {text}");
        if ((int)status >= 400)
        {
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo(ProblemJson), $"{method} {path}");
        }

        return response;
    }

    /// <summary>A repository that fails unexpectedly, to see the 500s the document lists.</summary>
    private sealed class FailingTaskRepository : ITaskRepository
    {
        public Task<TaskItem?> FindOwnedAsync(Guid id, string ownerId, CancellationToken cancellationToken) => throw Failure();

        public Task<TaskDto?> FindOwnedDtoAsync(Guid id, string ownerId, CancellationToken cancellationToken) => throw Failure();

        public Task<TaskPage> ListAsync(string ownerId, TaskListCriteria criteria, CancellationToken cancellationToken) => throw Failure();

        public Task<IReadOnlyList<TagCount>> ListTagsAsync(string ownerId, CancellationToken cancellationToken) => throw Failure();

        public void Add(TaskItem task) => throw Failure();

        public void Remove(TaskItem task) => throw Failure();

        public Task SaveChangesAsync(CancellationToken cancellationToken) => throw Failure();

        private static InvalidOperationException Failure() => new("An unexpected failure, made by the test.");
    }

    /// <summary>A feed that fails unexpectedly, for the sync operations' 500s.</summary>
    private sealed class FailingChangeFeed : IChangeFeed
    {
        public Task<IReadOnlyList<RecordedChange>> ReadAsync(string ownerId, long after, bool liveOnly, int take, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("An unexpected failure, made by the test.");

        public Task<FeedState> StateAsync(string ownerId, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("An unexpected failure, made by the test.");
    }
}
