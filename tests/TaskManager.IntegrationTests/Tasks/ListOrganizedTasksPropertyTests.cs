using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using TaskManager.IntegrationTests.Infrastructure;

namespace TaskManager.IntegrationTests.Tasks;

/// <summary>
/// Random tasks and random lists over them (every filter and sort, both orders, paged by cursor and by offset with small
/// limits): the pages put together are what LINQ to objects gives over the same tasks, and X-Total-Count is its count.
/// Seeded, so that a failure names a query that fails again.
/// </summary>
public sealed partial class ListOrganizedTasksPropertyTests(TestDatabase database) : ApiFixture(database)
{
    private const int Seed = 20261213;
    private const int Queries = 300;

    // A small alphabet with case variants, so that filters and the case folding meet often.
    private static readonly string[] TagAlphabet = ["work", "Work", "HOME", "home", "errand", "Errand", "x"];
    private static readonly string[] Priorities = ["none", "low", "medium", "high"];
    private static readonly string[] Sorts = ["created", "updated", "title", "due", "priority"];
    private static readonly DateTimeOffset Epoch = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task List_WithRandomFiltersSortsAndPaging_ConcatenatedPagesEqualLinqOverTheSameTasks()
    {
        var random = new Random(Seed);
        var tasks = await SeedAsync(random);
        var failures = new List<string>();

        for (var i = 0; i < Queries && failures.Count < 5; i++)
        {
            var (query, expected) = RandomQuery(random, tasks);
            var byCursor = random.Next(2) == 0;
            var limit = random.Next(1, 8);
            var (ids, totals) = await ReadAllPagesAsync(query, limit, byCursor);
            if (!ids.SequenceEqual(expected.Select(t => t.Id)) || totals.Any(total => total != expected.Count))
            {
                failures.Add($"#{i} {query}&limit={limit} ({(byCursor ? "cursor" : "offset")}): expected [{string.Join(",", expected.Select(t => t.Id[^8..]))}] ({expected.Count}), got [{string.Join(",", ids.Select(id => id[^8..]))}], totals {string.Join(",", totals)}");
            }
        }

        Assert.That(failures, Is.Empty, $"seed {Seed}");
    }

    private async Task<List<TaskView>> SeedAsync(Random random)
    {
        // Another user's tasks, with the same tags, must never show.
        var other = Api.NewUserId();
        using var otherClient = Factory.ClientFor(other);
        await otherClient.CreateTaskAsync(other, """{"title":"alpha","tags":["work","home"],"priority":"high","due_at":"2026-12-02T00:00:00Z"}""");

        var dueTimes = Enumerable.Range(0, 6).Select(d => Epoch.AddHours(d * 7)).ToArray();
        for (var i = 0; i < 45; i++)
        {
            // Few distinct times, so that ties (broken by id) are common.
            Factory.Clock.Set(Epoch.AddMinutes(random.Next(8)));
            var tags = TagAlphabet.Where(_ => random.Next(4) == 0).Select(tag => $"\"{tag}\"");
            var due = random.Next(3) == 0 ? "null" : $"\"{Api.Rfc3339(dueTimes[random.Next(dueTimes.Length)])}\"";
            var title = $"{"abcde"[random.Next(5)]}{(random.Next(2) == 0 ? "Q" : "r")} {random.Next(3)}";
            var task = await Client.CreateTaskAsync(UserId, $$"""
                {"title":"{{title}}","completed":{{(random.Next(2) == 0 ? "true" : "false")}},"due_at":{{due}},
                 "priority":"{{Priorities[random.Next(4)]}}","tags":[{{string.Join(",", tags)}}]}
                """);
            if (random.Next(4) == 0)
            {
                Factory.Clock.Set(Epoch.AddMinutes(10 + random.Next(3)));
                await Client.SendAsync(HttpMethod.Patch, Api.TaskPath(UserId, task.Id()) + "/complete");
            }
        }

        using var all = await Client.GetAsync(Api.TasksPath(UserId) + "?limit=500");
        return [.. (await all.BodyAsync()).EnumerateArray().Select(TaskView.From)];
    }

    private static (string Query, List<TaskView> Expected) RandomQuery(Random random, List<TaskView> tasks)
    {
        var parts = new List<string>();
        IEnumerable<TaskView> matching = tasks;
        switch (random.Next(3))
        {
            case 1:
                parts.Add("status=pending");
                matching = matching.Where(t => !t.Completed);
                break;
            case 2:
                parts.Add("status=completed");
                matching = matching.Where(t => t.Completed);
                break;
        }

        if (random.Next(4) == 0)
        {
            var needle = random.Next(2) == 0 ? "q" : "B";
            parts.Add($"q={needle}");
            matching = matching.Where(t => t.Title.Contains(needle, StringComparison.OrdinalIgnoreCase));
        }

        if (random.Next(3) == 0)
        {
            var chosen = Priorities.Where(_ => random.Next(2) == 0).DefaultIfEmpty("high").ToArray();
            parts.Add("priority=" + string.Join(",", chosen.Select(p => random.Next(3) == 0 ? p.ToUpperInvariant() : p)));
            matching = matching.Where(t => chosen.Contains(t.Priority));
        }

        foreach (var tag in TagAlphabet.Where(_ => random.Next(6) == 0))
        {
            parts.Add("tag=" + Uri.EscapeDataString(tag));
            matching = matching.Where(t => t.Tags.Contains(tag, StringComparer.OrdinalIgnoreCase));
        }

        if (random.Next(3) == 0)
        {
            var before = Epoch.AddHours(random.Next(40));
            parts.Add("due_before=" + Uri.EscapeDataString(before.ToOffset(TimeSpan.FromHours(2)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)));
            matching = matching.Where(t => t.DueAt < before.UtcDateTime);
        }

        if (random.Next(3) == 0)
        {
            var after = Epoch.AddHours(random.Next(40));
            parts.Add("due_after=" + Api.Rfc3339(after));
            matching = matching.Where(t => t.DueAt >= after.UtcDateTime);
        }

        var sort = Sorts[random.Next(Sorts.Length)];
        var descending = random.Next(2) == 0;
        parts.Add($"sort={sort}");
        parts.Add(descending ? "order=desc" : "order=asc");
        return (string.Join("&", parts), Order(matching, sort, descending).ToList());
    }

    // The contract's orders: ties by id in the direction of the order; tasks without due_at last in both orders.
    private static IEnumerable<TaskView> Order(IEnumerable<TaskView> tasks, string sort, bool descending)
    {
        var ordered = sort switch
        {
            "updated" => Direction(tasks.OrderBy(t => 0), t => t.UpdatedAt, descending),
            "title" => Direction(tasks.OrderBy(t => 0), t => t.Title.ToLowerInvariant(), descending, StringComparer.Ordinal),
            "due" => Direction(tasks.OrderBy(t => t.DueAt is null), t => t.DueAt, descending),
            "priority" => Direction(tasks.OrderBy(t => 0), t => Array.IndexOf(Priorities, t.Priority), descending),
            _ => Direction(tasks.OrderBy(t => 0), t => t.CreatedAt, descending),
        };
        return Direction(ordered, t => t.Id, descending, StringComparer.Ordinal);
    }

    private static IOrderedEnumerable<TaskView> Direction<TKey>(
        IOrderedEnumerable<TaskView> tasks, Func<TaskView, TKey> key, bool descending, IComparer<TKey>? comparer = null) =>
        descending ? tasks.ThenByDescending(key, comparer) : tasks.ThenBy(key, comparer);

    private async Task<(List<string> Ids, List<int> Totals)> ReadAllPagesAsync(string query, int limit, bool byCursor)
    {
        var ids = new List<string>();
        var totals = new List<int>();
        string? next = $"{Api.TasksPath(UserId)}?{query}&limit={limit}{(byCursor ? "" : "&offset=0")}";
        while (next is not null && totals.Count < 100)
        {
            using var response = await Client.GetAsync(next);
            var page = await response.BodyAsync();
            Assert.That(response.IsSuccessStatusCode, Is.True, $"{next}: {page}");
            ids.AddRange(page.EnumerateArray().Select(task => task.Id()));
            totals.Add(int.Parse(response.Headers.GetValues("X-Total-Count").Single(), CultureInfo.InvariantCulture));
            next = response.Headers.TryGetValues("Link", out var links)
                ? links.Select(link => NextLink().Match(link)).FirstOrDefault(m => m.Success)?.Groups["target"].Value
                : null;
        }

        return (ids, totals);
    }

    [GeneratedRegex("""<(?<target>[^>]*)>\s*;\s*rel="?next"?""")]
    private static partial Regex NextLink();

    private sealed record TaskView(
        string Id, string Title, bool Completed, DateTime CreatedAt, DateTime UpdatedAt, DateTime? DueAt, string Priority, string[] Tags)
    {
        public static TaskView From(JsonElement task) => new(
            task.Id(),
            task.GetProperty("title").GetString()!,
            task.GetProperty("completed").GetBoolean(),
            task.GetProperty("created_at").GetDateTime(),
            task.GetProperty("updated_at").GetDateTime(),
            task.GetProperty("due_at").ValueKind == JsonValueKind.Null ? null : task.GetProperty("due_at").GetDateTime(),
            task.GetProperty("priority").GetString()!,
            [.. task.GetProperty("tags").EnumerateArray().Select(tag => tag.GetString()!)]);
    }
}
