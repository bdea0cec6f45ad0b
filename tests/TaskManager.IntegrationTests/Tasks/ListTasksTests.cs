using System.Buffers.Text;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using TaskManager.IntegrationTests.Infrastructure;

namespace TaskManager.IntegrationTests.Tasks;

/// <summary>GET /api/{user_id}/tasks (seed T011, T012).</summary>
public sealed partial class ListTasksTests(TestDatabase database) : ApiFixture(database)
{
    [Test]
    public async Task Get_WithNoTasks_ReturnsEmptyArrayWithTotalZero()
    {
        using var response = await Client.GetAsync(Api.TasksPath(UserId));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
            Assert.That(text, Is.EqualTo("[]"));
            Assert.That(TotalCount(response), Is.Zero);
            Assert.That(NextLink(response), Is.Null);
        });
    }

    [Test]
    public async Task Get_ReturnsOnlyTheCallersTasks_AsAGetShowsThem()
    {
        var otherUser = Api.NewUserId();
        using var other = Factory.ClientFor(otherUser);
        var mine1 = await Client.CreateTaskAsync(UserId, """{"title":"Mine 1","description":"d"}""");
        var theirs = await other.CreateTaskAsync(otherUser, """{"title":"Theirs"}""");
        var mine2 = await Client.CreateTaskAsync(UserId, """{"title":"Mine 2","completed":true}""");

        using var myResponse = await Client.GetAsync(Api.TasksPath(UserId));
        using var theirResponse = await other.GetAsync(Api.TasksPath(otherUser));
        var myTasks = await myResponse.BodyAsync();
        var theirTasks = await theirResponse.BodyAsync();

        Assert.Multiple(() =>
        {
            Assert.That(myTasks.EnumerateArray().Select(t => t.ToString()), Is.EquivalentTo(new[] { mine1.ToString(), mine2.ToString() }));
            Assert.That(TotalCount(myResponse), Is.EqualTo(2));
            Assert.That(theirTasks.EnumerateArray().Select(t => t.ToString()), Is.EqualTo(new[] { theirs.ToString() }));
            Assert.That(TotalCount(theirResponse), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Get_ByDefault_OrdersByCreationTimeOldestFirst()
    {
        var t0 = DateTimeOffset.UtcNow;
        // Created out of time order, so that insertion order (and with it id order) is not the expected order.
        await CreateAtAsync(t0.AddSeconds(2), "third");
        await CreateAtAsync(t0, "first");
        await CreateAtAsync(t0.AddSeconds(1), "second");

        var list = await ListAsync("");

        Assert.That(Titles(list), Is.EqualTo(new[] { "first", "second", "third" }));
    }

    [TestCase("sort=created")]
    [TestCase("sort=updated")]
    public async Task Get_WithTasksOfEqualTimes_OrdersThemById(string query)
    {
        Factory.Clock.Set(DateTimeOffset.UtcNow);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await Client.CreateTaskAsync(UserId)).Id());
        }

        var list = await ListAsync(query);

        Assert.That(Ids(list), Is.EqualTo(ids.Order(StringComparer.Ordinal)));
    }

    [Test]
    public async Task Get_SortedByTitle_BreaksTiesById()
    {
        var t0 = DateTimeOffset.UtcNow;
        var ids = new List<string>();
        // Each task is older than the one before, so that falling back to creation time would give the reverse order.
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await CreateAtAsync(t0.AddSeconds(-i), "Same")).Id());
        }

        var list = await ListAsync("sort=title");

        Assert.That(Ids(list), Is.EqualTo(ids.Order(StringComparer.Ordinal)));
    }

    [TestCase("sort=created")]
    [TestCase("sort=created&order=desc")]
    [TestCase("sort=updated&order=desc")]
    [TestCase("sort=title")]
    public async Task Get_PagingThroughTiedTasks_ShowsEachTaskExactlyOnce(string query)
    {
        Factory.Clock.Set(DateTimeOffset.UtcNow);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await Client.CreateTaskAsync(UserId, """{"title":"Same"}""")).Id());
        }

        var seen = new List<string>();
        for (var offset = 0; offset < ids.Count; offset += 2)
        {
            seen.AddRange(Ids(await ListAsync($"{query}&limit=2&offset={offset}")));
        }

        Assert.That(seen, Is.EquivalentTo(ids));
    }

    [TestCase("sort=created&order=asc", "cherry,Banana,apple")]
    [TestCase("sort=created&order=desc", "apple,Banana,cherry")]
    [TestCase("order=desc", "apple,Banana,cherry")]
    [TestCase("sort=updated&order=asc", "Banana,apple,cherry")]
    [TestCase("sort=updated", "Banana,apple,cherry")]
    [TestCase("sort=updated&order=desc", "cherry,apple,Banana")]
    [TestCase("sort=title&order=asc", "apple,Banana,cherry")]
    [TestCase("sort=title", "apple,Banana,cherry")]
    [TestCase("sort=title&order=desc", "cherry,Banana,apple")]
    public async Task Get_WithSortAndOrder_OrdersAccordingly(string query, string expected)
    {
        var t0 = DateTimeOffset.UtcNow;
        var cherry = await CreateAtAsync(t0, "cherry");
        await CreateAtAsync(t0.AddSeconds(1), "Banana");
        await CreateAtAsync(t0.AddSeconds(2), "apple");
        Factory.Clock.Set(t0.AddSeconds(3));
        using var update = await Client.SendAsync(HttpMethod.Put, Api.TaskPath(UserId, cherry.Id()), """{"description":"ripe"}""");
        Assert.That(update.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var list = await ListAsync(query);

        Assert.That(Titles(list), Is.EqualTo(Split(expected)));
    }

    [Test]
    public async Task Get_SortedByTitle_IgnoresCaseBeyondAscii()
    {
        var t0 = DateTimeOffset.UtcNow;
        // Ordinal order would put "Éb" (U+00C9) before "éa" (U+00E9), and so would creation order.
        await CreateAtAsync(t0, "Éb");
        await CreateAtAsync(t0.AddSeconds(1), "éa");

        var list = await ListAsync("sort=title");

        Assert.That(Titles(list), Is.EqualTo(new[] { "éa", "Éb" }));
    }

    [TestCase("", "open 1,done,open 2")]
    [TestCase("status=all", "open 1,done,open 2")]
    [TestCase("status=pending", "open 1,open 2")]
    [TestCase("status=completed", "done")]
    public async Task Get_WithStatus_FiltersByCompletion(string query, string expected)
    {
        var t0 = DateTimeOffset.UtcNow;
        await CreateAtAsync(t0, "open 1");
        await CreateAtAsync(t0.AddSeconds(1), "done", completed: true);
        await CreateAtAsync(t0.AddSeconds(2), "open 2");

        using var response = await Client.GetAsync(ListPath(query));
        var list = await response.BodyAsync();

        Assert.Multiple(() =>
        {
            Assert.That(Titles(list), Is.EqualTo(Split(expected)));
            Assert.That(TotalCount(response), Is.EqualTo(Split(expected).Length));
        });
    }

    [TestCase("MILK", "Buy milk,Call Mom")]
    [TestCase("milk", "Buy milk,Call Mom")]
    [TestCase("PARK", "Walk")]
    [TestCase("ÉCOLE", "école,Devoirs")]
    [TestCase("école", "école,Devoirs")]
    [TestCase("ПРИВЕТ", "привет")]
    [TestCase("%", "100% done")]
    [TestCase("_", "snake_case")]
    [TestCase("zebra", "")]
    [TestCase("", "Buy milk,Call Mom,Walk,école,Devoirs,привет,100% done,snake_case")]
    public async Task Get_WithSearch_MatchesTitleOrDescriptionIgnoringCase(string q, string expected)
    {
        var t0 = DateTimeOffset.UtcNow;
        await CreateAtAsync(t0, "Buy milk");
        await CreateAtAsync(t0.AddSeconds(1), "Call Mom", description: "Ask about the MILKMAN");
        await CreateAtAsync(t0.AddSeconds(2), "Walk", description: "In the park");
        await CreateAtAsync(t0.AddSeconds(3), "école");
        await CreateAtAsync(t0.AddSeconds(4), "Devoirs", description: "Pour l'École");
        await CreateAtAsync(t0.AddSeconds(5), "привет");
        await CreateAtAsync(t0.AddSeconds(6), "100% done");
        await CreateAtAsync(t0.AddSeconds(7), "snake_case");

        using var response = await Client.GetAsync(ListPath("q=" + Uri.EscapeDataString(q)));
        var list = await response.BodyAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(Titles(list), Is.EqualTo(Split(expected)));
            Assert.That(TotalCount(response), Is.EqualTo(Split(expected).Length));
        });
    }

    [Test]
    public async Task Get_WithSearchOfMaximumLength_Returns200()
    {
        using var response = await Client.GetAsync(ListPath("q=" + new string('q', 1000)));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Get_WithSearchTooLong_Returns400NamingQ()
    {
        using var response = await Client.GetAsync(ListPath("q=" + new string('q', 1001)));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.ErrorsFor("q"), Has.Some.Contains("1000"));
    }

    [Test]
    public async Task Get_WithLimit_LinksToEachNextPageUntilTheLast()
    {
        await CreateNumberedTasksAsync(5);

        using var first = await Client.GetAsync(ListPath("limit=2"));
        using var second = await FollowNextAsync(first);
        using var third = await FollowNextAsync(second);
        var pages = new[] { await first.BodyAsync(), await second.BodyAsync(), await third.BodyAsync() };

        Assert.Multiple(() =>
        {
            Assert.That(Titles(pages[0]), Is.EqualTo(new[] { "1", "2" }));
            Assert.That(Titles(pages[1]), Is.EqualTo(new[] { "3", "4" }));
            Assert.That(Titles(pages[2]), Is.EqualTo(new[] { "5" }));
            Assert.That(new[] { first, second, third }.Select(TotalCount), Is.All.EqualTo(5));
            Assert.That(NextLink(third), Is.Null);
        });
    }

    // A first page that does not hold them all counts them: the count keeps the same filter as the page.
    [TestCase("status=all&limit=1", "open 1", 4)]
    [TestCase("status=pending&limit=1", "open 1", 2)]
    [TestCase("status=pending&limit=1&sort=updated&order=desc", "open 2", 2)]
    [TestCase("status=completed&limit=1&offset=1", "done 2", 2)]
    [TestCase("status=completed&limit=1&sort=title&order=desc", "done 2", 2)]
    public async Task Get_WithStatusOnAPartialPage_CountsWhatTheFilterKeeps(string query, string expected, int total)
    {
        var t0 = DateTimeOffset.UtcNow;
        await CreateAtAsync(t0, "open 1");
        await CreateAtAsync(t0.AddSeconds(1), "done 1", completed: true);
        await CreateAtAsync(t0.AddSeconds(2), "open 2");
        await CreateAtAsync(t0.AddSeconds(3), "done 2", completed: true);

        using var response = await Client.GetAsync(ListPath(query));
        var list = await response.BodyAsync();

        Assert.Multiple(() =>
        {
            Assert.That(Titles(list), Is.EqualTo(Split(expected)));
            Assert.That(TotalCount(response), Is.EqualTo(total));
        });
    }

    [TestCase("limit=2&offset=1", "2,3", true)]
    [TestCase("limit=2&offset=3", "4,5", false)]
    [TestCase("offset=3&limit=10", "4,5", false)]
    [TestCase("limit=5", "1,2,3,4,5", false)]
    [TestCase("limit=1&offset=4", "5", false)]
    [TestCase("offset=5", "", false)]
    [TestCase("offset=100", "", false)]
    public async Task Get_WithLimitAndOffset_ReturnsThatPageAndTheTotal(string query, string expected, bool hasNext)
    {
        await CreateNumberedTasksAsync(5);

        using var response = await Client.GetAsync(ListPath(query));
        var list = await response.BodyAsync();

        Assert.Multiple(() =>
        {
            Assert.That(Titles(list), Is.EqualTo(Split(expected)));
            Assert.That(TotalCount(response), Is.EqualTo(5));
            Assert.That(NextLink(response), hasNext ? Is.Not.Null : Is.Null);
        });
    }

    [Test]
    public async Task Get_NextLink_KeepsTheOtherParameters()
    {
        var t0 = DateTimeOffset.UtcNow;
        await CreateAtAsync(t0, "a1");
        await CreateAtAsync(t0.AddSeconds(1), "a2", completed: true);
        await CreateAtAsync(t0.AddSeconds(2), "a3");
        await CreateAtAsync(t0.AddSeconds(3), "b");

        using var first = await Client.GetAsync(ListPath("q=A&status=pending&order=desc&limit=1"));
        using var second = await FollowNextAsync(first);
        var firstPage = await first.BodyAsync();
        var secondPage = await second.BodyAsync();

        Assert.Multiple(() =>
        {
            Assert.That(Titles(firstPage), Is.EqualTo(new[] { "a3" }));
            Assert.That(Titles(secondPage), Is.EqualTo(new[] { "a1" }));
            Assert.That(TotalCount(second), Is.EqualTo(2));
            Assert.That(NextLink(second), Is.Null);
        });
    }

    [Test]
    public async Task Get_WithoutLimit_ReturnsAtMost100_AndLimit500ReturnsMore()
    {
        await CreateNumberedTasksAsync(101);

        using var byDefault = await Client.GetAsync(ListPath(""));
        using var rest = await FollowNextAsync(byDefault);
        using var maximum = await Client.GetAsync(ListPath("limit=500"));
        var firstPage = await byDefault.BodyAsync();
        var restPage = await rest.BodyAsync();
        var maximumPage = await maximum.BodyAsync();

        Assert.Multiple(() =>
        {
            Assert.That(firstPage.GetArrayLength(), Is.EqualTo(100));
            Assert.That(TotalCount(byDefault), Is.EqualTo(101));
            Assert.That(Titles(restPage), Is.EqualTo(new[] { "101" }));
            Assert.That(maximumPage.GetArrayLength(), Is.EqualTo(101));
            Assert.That(NextLink(maximum), Is.Null);
        });
    }

    [TestCase("status=done", "status")]
    [TestCase("status=1", "status")]
    [TestCase("status=pending,completed", "status")]
    [TestCase("sort=name", "sort")]
    [TestCase("sort=0", "sort")]
    [TestCase("order=up", "order")]
    [TestCase("limit=0", "limit")]
    [TestCase("limit=501", "limit")]
    [TestCase("limit=-1", "limit")]
    [TestCase("limit=abc", "limit")]
    [TestCase("limit=1.5", "limit")]
    [TestCase("limit=99999999999", "limit")]
    [TestCase("offset=-1", "offset")]
    [TestCase("offset=x", "offset")]
    [TestCase("offset=1.5", "offset")]
    public async Task Get_WithInvalidParameter_Returns400NamingIt(string query, string parameter)
    {
        using var response = await Client.GetAsync(ListPath(query));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.ErrorsFor(parameter), Is.Not.Empty);
    }

    [Test]
    public async Task Get_WithSeveralInvalidParameters_NamesEachOfThem()
    {
        using var response = await Client.GetAsync(ListPath("status=x&sort=x&order=x&limit=0&offset=-1"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(
            problem.GetProperty("errors").EnumerateObject().Select(e => e.Name),
            Is.EquivalentTo(new[] { "status", "sort", "order", "limit", "offset" }));
    }

    [TestCase("limit=1&offset=0")]
    [TestCase("limit=500")]
    [TestCase("status=all&sort=created&order=asc")]
    public async Task Get_WithBoundaryValues_Returns200(string query)
    {
        using var response = await Client.GetAsync(ListPath(query));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Get_WithTrailingSlash_Returns200WithoutRedirect()
    {
        var task = await Client.CreateTaskAsync(UserId);

        using var response = await Client.GetAsync(Api.TasksPath(UserId) + "/?limit=1");
        var list = await response.BodyAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(Ids(list), Is.EqualTo(new[] { task.Id() }));
        });
    }

    [Test]
    public async Task Get_OnAnotherUsersPath_Returns403()
    {
        var otherUser = Api.NewUserId();
        using var other = Factory.ClientFor(otherUser);
        await other.CreateTaskAsync(otherUser);

        using var response = await Client.GetAsync(Api.TasksPath(otherUser));

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task Get_OnAnotherUsersPath_Returns403BeforeCheckingTheParameters()
    {
        using var response = await Client.GetAsync(Api.TasksPath(Api.NewUserId()) + "?limit=0&status=x");

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task Get_WithoutToken_Returns401()
    {
        using var anonymous = Factory.ClientWithToken(null);
        using var response = await anonymous.GetAsync(Api.TasksPath(UserId) + "?limit=0");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.StartWith("Bearer"));
    }

    [TestCase("sort=created&order=asc")]
    [TestCase("sort=created&order=desc")]
    [TestCase("sort=updated&order=asc")]
    [TestCase("sort=updated&order=desc")]
    [TestCase("sort=title&order=asc")]
    [TestCase("sort=title&order=desc")]
    [TestCase("status=pending&q=a&sort=title")]
    public async Task Get_FollowingCursorLinks_VisitsEveryMatchOnceInOrder(string query)
    {
        // Ties on every key: equal times, titles equal but for case; the id must break them the same way on every page.
        var t0 = DateTimeOffset.UtcNow;
        string[] titles = ["beta", "Alpha", "alpha", "Gamma", "beta", "BETA", "delta", "alpha"];
        for (var i = 0; i < titles.Length; i++)
        {
            await CreateAtAsync(t0.AddSeconds(i / 3), titles[i], completed: i % 4 == 3);
        }

        var everything = Ids(await ListAsync($"{query}&limit=500"));
        var visited = new List<string>();
        using var first = await Client.GetAsync(ListPath($"{query}&limit=3"));
        Assert.That(NextLink(first), Does.Contain("cursor=").And.Not.Contain("offset="));
        var response = first;
        var pages = 0;
        while (true)
        {
            visited.AddRange(Ids(await response.BodyAsync()));
            Assert.That(TotalCount(response), Is.EqualTo(everything.Length));
            pages++;
            if (NextLink(response) is null || pages > everything.Length)
            {
                break;
            }

            var next = await FollowNextAsync(response);
            if (!ReferenceEquals(response, first))
            {
                response.Dispose();
            }

            response = next;
        }

        Assert.That(visited, Is.EqualTo(everything));
        Assert.That(pages, Is.EqualTo((everything.Length + 2) / 3));
    }

    [Test]
    public async Task Get_WithCursorOfAnotherOrder_Returns400NamingCursor()
    {
        var cursor = await FirstPageCursorAsync();

        using var response = await Client.GetAsync(ListPath($"limit=1&sort=title&cursor={Uri.EscapeDataString(cursor)}"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.ErrorsFor("cursor"), Is.Not.Empty);
    }

    [Test]
    public async Task Get_WithCursorWhoseKeyWasForged_Returns400()
    {
        var payload = JsonNode.Parse(Base64Url.DecodeFromChars(await FirstPageCursorAsync()))!;
        payload["k"] = "'; DROP TABLE tasks; --";
        var forged = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString()));

        using var response = await Client.GetAsync(ListPath($"limit=1&cursor={forged}"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.ErrorsFor("cursor"), Is.Not.Empty);
    }

    [TestCase("garbage")]
    [TestCase("e30")]
    [TestCase("eyJrIjoxLCJpIjoyLCJmIjozfQ")]
    public async Task Get_WithUnreadableCursor_Returns400NamingCursor(string cursor)
    {
        using var response = await Client.GetAsync(ListPath($"cursor={cursor}"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.ErrorsFor("cursor"), Is.Not.Empty);
    }

    [Test]
    public async Task Get_WithCursorAndOffset_Returns400()
    {
        await CreateNumberedTasksAsync(3);
        using var first = await Client.GetAsync(ListPath("limit=1"));
        var next = NextLink(first)!;

        using var response = await Client.GetAsync(next + "&offset=1");

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.ErrorsFor("cursor"), Has.Some.Contains("offset"));
    }

    /// <summary>Three tasks, and the cursor that the first page of one gives for the second.</summary>
    private async Task<string> FirstPageCursorAsync()
    {
        await CreateNumberedTasksAsync(3);
        using var first = await Client.GetAsync(ListPath("limit=1"));
        return QueryHelpers.ParseQuery(new Uri(new Uri("http://localhost"), NextLink(first)).Query)["cursor"].ToString();
    }

    private string ListPath(string query) => query.Length == 0 ? Api.TasksPath(UserId) : $"{Api.TasksPath(UserId)}?{query}";

    private async Task<JsonElement> ListAsync(string query)
    {
        using var response = await Client.GetAsync(ListPath(query));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await response.BodyAsync();
    }

    private async Task<JsonElement> CreateAtAsync(DateTimeOffset time, string title, string? description = null, bool completed = false)
    {
        Factory.Clock.Set(time);
        return await Client.CreateTaskAsync(UserId, JsonSerializer.Serialize(new { title, description, completed }));
    }

    /// <summary>Tasks titled "1" to "<paramref name="count"/>", created in that order a second apart.</summary>
    private async Task CreateNumberedTasksAsync(int count)
    {
        var t0 = DateTimeOffset.UtcNow;
        for (var i = 1; i <= count; i++)
        {
            await CreateAtAsync(t0.AddSeconds(i), i.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static string[] Split(string expected) => expected.Length == 0 ? [] : expected.Split(',');

    private static string[] Titles(JsonElement list) => list.EnumerateArray().Select(t => t.GetProperty("title").GetString()!).ToArray();

    private static string[] Ids(JsonElement list) => list.EnumerateArray().Select(t => t.Id()).ToArray();

    private static int TotalCount(HttpResponseMessage response) =>
        int.Parse(response.Headers.GetValues("X-Total-Count").Single(), CultureInfo.InvariantCulture);

    /// <summary>GETs the response's rel="next" link, which must be there.</summary>
    private async Task<HttpResponseMessage> FollowNextAsync(HttpResponseMessage response)
    {
        var next = NextLink(response);
        Assert.That(next, Is.Not.Null, "no Link header with rel=\"next\"");
        return await Client.GetAsync(next);
    }

    /// <summary>The target of the response's rel="next" link, if it has one.</summary>
    private static string? NextLink(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var values))
        {
            return null;
        }

        var next = values.Select(v => NextLinkPattern().Match(v)).FirstOrDefault(m => m.Success);
        Assert.That(next, Is.Not.Null, $"Link has no rel=\"next\": {string.Join(", ", values)}");
        return next!.Groups["target"].Value;
    }

    [GeneratedRegex("""<(?<target>[^>]*)>\s*;\s*rel="?next"?""")]
    private static partial Regex NextLinkPattern();
}
