using System.Net;
using System.Text.Json;

namespace TaskManager.IntegrationTests.Infrastructure;

/// <summary>A client of the changes feed: reads pages and applies them to its own copy of the tasks, as an SPA would.</summary>
public static class ChangesFeed
{
    public static string ChangesPath(string userId, string? since = null, int? limit = null)
    {
        var query = new List<string>();
        if (since is not null)
        {
            query.Add($"since={Uri.EscapeDataString(since)}");
        }

        if (limit is not null)
        {
            query.Add($"limit={limit}");
        }

        return $"/api/{userId}/tasks/changes" + (query.Count > 0 ? "?" + string.Join('&', query) : string.Empty);
    }

    /// <summary>One page, which must be a 200.</summary>
    public static async Task<JsonElement> ReadPageAsync(this HttpClient client, string userId, string? since = null, int? limit = null)
    {
        using var response = await client.GetAsync(ChangesPath(userId, since, limit));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await response.BodyAsync();
    }

    /// <summary>Follows next while has_more, applying every page to <paramref name="tasks"/>; returns the last next.</summary>
    public static async Task<string> SyncAsync(
        this HttpClient client, string userId, IDictionary<string, JsonElement> tasks, string? since = null, int? limit = null)
    {
        while (true)
        {
            var page = await client.ReadPageAsync(userId, since, limit);
            foreach (var change in page.GetProperty("changes").EnumerateArray())
            {
                Apply(tasks, change);
            }

            since = page.GetProperty("next").GetString()!;
            if (!page.GetProperty("has_more").GetBoolean())
            {
                return since;
            }
        }
    }

    /// <summary>An upsert puts the task in, a delete takes it out (a delete of a task never seen is harmless).</summary>
    public static void Apply(IDictionary<string, JsonElement> tasks, JsonElement change)
    {
        switch (change.GetProperty("op").GetString())
        {
            case "upsert":
                var task = change.GetProperty("task");
                tasks[task.Id()] = task.Clone();
                break;
            case "delete":
                tasks.Remove(change.GetProperty("id").GetString()!);
                break;
            default:
                Assert.Fail($"unknown op in {change}");
                break;
        }
    }

    /// <summary>The server's tasks of the user, by id, as the list gives them.</summary>
    public static async Task<Dictionary<string, string>> ServerTasksAsync(this HttpClient client, string userId)
    {
        using var response = await client.GetAsync(Api.TasksPath(userId) + "?limit=500");
        var list = await response.BodyAsync();
        return list.EnumerateArray().ToDictionary(t => t.Id(), t => t.GetRawText());
    }

    public static Dictionary<string, string> Raw(IDictionary<string, JsonElement> tasks) =>
        tasks.ToDictionary(t => t.Key, t => t.Value.GetRawText());
}
