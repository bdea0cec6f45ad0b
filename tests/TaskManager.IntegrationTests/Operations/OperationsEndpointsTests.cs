using System.Net;
using System.Text.Json;
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
            new[] { "id", "user_id", "title", "description", "completed", "created_at", "updated_at" }));
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
