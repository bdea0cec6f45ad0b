using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace TaskManager.IntegrationTests.Infrastructure;

/// <summary>Small helpers for talking to the API and checking its answers.</summary>
public static class Api
{
    public static string TasksPath(string userId) => $"/api/{userId}/tasks";

    public static string TaskPath(string userId, string taskId) => $"/api/{userId}/tasks/{taskId}";

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<JsonElement> CreateTaskAsync(this HttpClient client, string userId, string json = """{"title":"A task"}""")
    {
        using var response = await client.PostAsync(TasksPath(userId), Json(json));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>GETs a task that must exist: its body and its ETag.</summary>
    public static async Task<(JsonElement Task, string ETag)> GetTaskAsync(this HttpClient client, string userId, string taskId)
    {
        using var response = await client.GetAsync(TaskPath(userId, taskId));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(response.Headers.ETag, Is.Not.Null);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(), response.Headers.ETag!.ToString());
    }

    public static string Id(this JsonElement resource) => resource.GetProperty("id").GetString()!;

    /// <summary>A time as the API writes it: RFC 3339 in UTC, to the millisecond.</summary>
    public static string Rfc3339(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static async Task<HttpResponseMessage> SendAsync(
        this HttpClient client, HttpMethod method, string path, string? json = null, Action<HttpRequestHeaders>? headers = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = Json(json);
        }

        headers?.Invoke(request.Headers);
        return await client.SendAsync(request);
    }

    public static async Task<JsonElement> BodyAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>Asserts an RFC 9457 problem with the contract's members, and nothing internal in it.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), text);
        var problem = JsonSerializer.Deserialize<JsonElement>(text);
        Assert.Multiple(() =>
        {
            Assert.That(problem.GetProperty("status").GetInt32(), Is.EqualTo((int)status));
            Assert.That(problem.GetProperty("type").GetString(), Is.Not.Empty);
            Assert.That(problem.GetProperty("title").GetString(), Is.Not.Empty);
            Assert.That(problem.GetProperty("instance").GetString(), Is.EqualTo(response.RequestMessage!.RequestUri!.AbsolutePath));
            Assert.That(problem.GetProperty("trace_id").GetString(), Is.Not.Empty);
            Assert.That(problem.TryGetProperty("traceId", out _), Is.False);
            Assert.That(text, Does.Not.Contain("Exception").And.Not.Contain("   at ").And.Not.Contain("SELECT"));
        });
        return problem;
    }

    /// <summary>The messages for one field of a validation problem.</summary>
    public static string[] ErrorsFor(this JsonElement problem, string field) =>
        problem.GetProperty("errors").TryGetProperty(field, out var messages)
            ? messages.EnumerateArray().Select(m => m.GetString()!).ToArray()
            : [];

    public static string NewUserId() => $"user-{Guid.NewGuid():N}";
}
