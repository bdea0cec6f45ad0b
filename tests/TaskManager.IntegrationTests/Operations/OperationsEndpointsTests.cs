using System.Net;
using System.Text.Json;
using TaskManager.Domain.Tasks;
using TaskManager.IntegrationTests.Infrastructure;

namespace TaskManager.IntegrationTests.Operations;

public sealed class OperationsEndpointsTests(TestDatabase database) : ApiFixture(database)
{
    [TestCase("/health/live")]
    [TestCase("/health/ready")]
    [TestCase("/health")]
    public async Task Health_WithoutToken_Returns200Healthy(string path)
    {
        using var anonymous = Factory.ClientWithToken(null);
        using var response = await anonymous.GetAsync(path);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await response.BodyAsync()).GetProperty("status").GetString(), Is.EqualTo("Healthy"));
    }

    [Test]
    public async Task OpenApi_Document_DescribesEveryOperationWithTheBearerScheme()
    {
        using var anonymous = Factory.ClientWithToken(null);
        using var response = await anonymous.GetAsync("/openapi/v1.json");
        var document = await response.BodyAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(document.GetProperty("openapi").GetString(), Does.StartWith("3.1"));
        var paths = document.GetProperty("paths");
        var operations = new[]
        {
            ("/api/{user_id}/tasks", "get"), ("/api/{user_id}/tasks", "post"),
            ("/api/{user_id}/tasks/{task_id}", "get"), ("/api/{user_id}/tasks/{task_id}", "put"),
            ("/api/{user_id}/tasks/{task_id}", "delete"), ("/api/{user_id}/tasks/{task_id}/complete", "patch"),
        };
        Assert.Multiple(() =>
        {
            foreach (var (path, method) in operations)
            {
                var operation = paths.GetProperty(path).GetProperty(method);
                Assert.That(operation.GetProperty("security").GetArrayLength(), Is.EqualTo(1), $"{method} {path}");
                Assert.That(operation.GetProperty("responses").TryGetProperty("401", out _), Is.True, $"{method} {path}");
            }

            Assert.That(document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer")
                .GetProperty("scheme").GetString(), Is.EqualTo("bearer"));
        });
    }

    [Test]
    public async Task OpenApi_TaskSchema_UsesSnakeCaseNames()
    {
        using var anonymous = Factory.ClientWithToken(null);
        var document = await (await anonymous.GetAsync("/openapi/v1.json")).BodyAsync();

        var properties = document.GetProperty("components").GetProperty("schemas").GetProperty("TaskDto").GetProperty("properties");

        Assert.That(properties.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(
            new[] { "id", "user_id", "title", "description", "completed", "created_at", "updated_at", "due_at", "priority", "tags", "completed_at" }));
    }

    [Test]
    public async Task OpenApi_ListParameters_HaveTheirEnumsDefaultsAndBounds()
    {
        var document = await OpenApiDocumentAsync();
        var parameters = document.GetProperty("paths").GetProperty("/api/{user_id}/tasks").GetProperty("get").GetProperty("parameters")
            .EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("schema"));

        static string[] Enum(JsonElement schema) => [.. schema.GetProperty("enum").EnumerateArray().Select(v => v.GetString()!)];

        Assert.Multiple(() =>
        {
            Assert.That(Enum(parameters["status"]), Is.EqualTo(new[] { "all", "pending", "completed" }));
            Assert.That(parameters["status"].GetProperty("default").GetString(), Is.EqualTo("all"));
            Assert.That(Enum(parameters["sort"]), Is.EqualTo(new[] { "created", "updated", "title", "due", "priority" }));
            Assert.That(Enum(parameters["order"]), Is.EqualTo(new[] { "asc", "desc" }));
            Assert.That(parameters["q"].GetProperty("maxLength").GetInt32(), Is.EqualTo(1000));
            Assert.That(parameters["limit"].GetProperty("minimum").GetInt32(), Is.EqualTo(1));
            Assert.That(parameters["limit"].GetProperty("maximum").GetInt32(), Is.EqualTo(500));
            Assert.That(parameters["limit"].GetProperty("default").GetInt32(), Is.EqualTo(100));
            Assert.That(parameters["offset"].GetProperty("minimum").GetInt32(), Is.EqualTo(0));
            Assert.That(parameters["tag"].GetProperty("type").GetString(), Is.EqualTo("array"));
            Assert.That(parameters.Keys, Is.SupersetOf(new[] { "priority", "due_before", "due_after" }));
        });
    }

    [Test]
    public async Task OpenApi_RequestBodies_StateTheFieldsAndTheirLimits()
    {
        var document = await OpenApiDocumentAsync();
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var paths = document.GetProperty("paths");

        static string Ref(JsonElement operation) =>
            operation.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema")
                .GetProperty("$ref").GetString()!;

        var create = schemas.GetProperty("CreateTaskRequest");
        Assert.Multiple(() =>
        {
            Assert.That(Ref(paths.GetProperty("/api/{user_id}/tasks").GetProperty("post")), Is.EqualTo("#/components/schemas/CreateTaskRequest"));
            Assert.That(Ref(paths.GetProperty("/api/{user_id}/tasks/{task_id}").GetProperty("put")), Is.EqualTo("#/components/schemas/UpdateTaskRequest"));
            Assert.That(Ref(paths.GetProperty("/api/{user_id}/tasks/{task_id}/complete").GetProperty("patch")),
                Is.EqualTo("#/components/schemas/CompleteTaskRequest"));
            Assert.That(create.GetProperty("required").EnumerateArray().Select(r => r.GetString()), Is.EqualTo(new[] { "title" }));
            Assert.That(create.GetProperty("properties").GetProperty("title").GetProperty("maxLength").GetInt32(), Is.EqualTo(255));
            Assert.That(create.GetProperty("properties").GetProperty("description").GetProperty("maxLength").GetInt32(), Is.EqualTo(1000));
            foreach (var request in new[] { "CreateTaskRequest", "UpdateTaskRequest" })
            {
                var properties = schemas.GetProperty(request).GetProperty("properties");
                Assert.That(properties.GetProperty("priority").GetProperty("enum").EnumerateArray().Select(v => v.GetString()),
                    Is.EqualTo(Enum.GetNames<TaskPriority>().Select(name => name.ToLowerInvariant())), request);
                var tag = properties.GetProperty("tags").GetProperty("items");
                Assert.That((tag.GetProperty("minLength").GetInt32(), tag.GetProperty("maxLength").GetInt32()), Is.EqualTo((1, TaskLimits.TagMaxLength)), request);
            }

            Assert.That(schemas.GetProperty("UpdateTaskRequest").TryGetProperty("required", out _), Is.False, "every PUT field is optional");
            Assert.That(schemas.GetProperty("TaskDto").GetProperty("additionalProperties").GetBoolean(), Is.False);
            Assert.That(schemas.TryGetProperty("JsonElement", out _), Is.False);
        });
    }

    [TestCase("/api/{user_id}/tasks", "post", "201", "Location")]
    [TestCase("/api/{user_id}/tasks", "post", "201", "ETag")]
    [TestCase("/api/{user_id}/tasks", "get", "200", "X-Total-Count")]
    [TestCase("/api/{user_id}/tasks", "get", "200", "Link")]
    [TestCase("/api/{user_id}/tasks/{task_id}", "get", "200", "ETag")]
    [TestCase("/api/{user_id}/tasks/{task_id}", "get", "304", "ETag")]
    [TestCase("/api/{user_id}/tasks/{task_id}", "put", "200", "ETag")]
    [TestCase("/api/{user_id}/tasks/{task_id}/complete", "patch", "200", "ETag")]
    [TestCase("/api/{user_id}/tasks/{task_id}", "delete", "503", "Retry-After")]
    [TestCase("/api/{user_id}/tasks", "get", "401", "WWW-Authenticate")]
    public async Task OpenApi_Responses_DeclareTheContractsHeaders(string path, string method, string status, string header)
    {
        var document = await OpenApiDocumentAsync();

        var response = document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses").GetProperty(status);

        Assert.That(response.GetProperty("headers").TryGetProperty(header, out _), Is.True);
    }

    private async Task<JsonElement> OpenApiDocumentAsync()
    {
        using var anonymous = Factory.ClientWithToken(null);
        using var response = await anonymous.GetAsync("/openapi/v1.json");
        return await response.BodyAsync();
    }

    [Test]
    public async Task Docs_OutsideDevelopment_AreOffByDefault()
    {
        using var anonymous = Factory.ClientWithToken(null);
        using var response = await anonymous.GetAsync("/docs");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Docs_WhenEnabledByConfiguration_AreServed()
    {
        using var factory = new TaskManagerApiFactory(new Dictionary<string, string?> { ["Docs:Enabled"] = "true" });
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/docs/");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("scalar").IgnoreCase);
    }

    [Test]
    public async Task UnknownRoute_Returns404Problem()
    {
        using var response = await Client.GetAsync("/api/nothing/here/at/all");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Error_WhenClientAcceptsOnlyHtml_IsStillProblemJson()
    {
        using var response = await Client.SendAsync(HttpMethod.Get, Api.TaskPath(UserId, "nope"),
            headers: h => h.Accept.ParseAdd("text/html"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.That(problem.ValueKind, Is.EqualTo(JsonValueKind.Object));
    }
}
