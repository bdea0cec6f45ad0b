using System.Net;
using System.Text.RegularExpressions;
using TaskManager.IntegrationTests.Infrastructure;
using static TaskManager.IntegrationTests.Robustness.HostileValues;

namespace TaskManager.IntegrationTests.Robustness;

/// <summary>
/// Every list parameter and every cursor field, sent on purpose what a database cannot store or compare, and the
/// longest allowed value and one more, on every test database: a 400 naming the parameter before any database sees
/// it, or an answer to the harmless text the value decodes to. Never a 5xx.
/// </summary>
public sealed partial class HostileQueryTests(TestDatabase database) : ApiFixture(database)
{
    private static readonly string[] Parameters = ["status", "sort", "order", "q", "limit", "offset", "cursor", "priority", "tag", "due_before", "due_after"];

    // Searched for, or compared with tags, as the text they are.
    private static readonly string[] TextParameters = ["q", "tag"];

    public static IEnumerable<TestCaseData> ParameterValues()
    {
        foreach (var parameter in Parameters)
        {
            foreach (var value in QueryNul)
            {
                yield return Case(parameter, value, HttpStatusCode.BadRequest);
            }

            // Invalid UTF-8 escapes are not decoded: q searches for them as the literal text they are.
            foreach (var value in QueryNotUtf8)
            {
                yield return Case(parameter, value, TextParameters.Contains(parameter) ? HttpStatusCode.OK : HttpStatusCode.BadRequest);
            }
        }

        yield return Case("q", new string('x', 1000), HttpStatusCode.OK);
        yield return Case("q", new string('x', 1001), HttpStatusCode.BadRequest);
        yield return Case("limit", "500", HttpStatusCode.OK);
        yield return Case("limit", "501", HttpStatusCode.BadRequest);
        yield return Case("offset", "2147483647", HttpStatusCode.OK);
        yield return Case("offset", "2147483648", HttpStatusCode.BadRequest);
        yield return Case("tag", new string('t', 40), HttpStatusCode.OK);
        yield return Case("tag", new string('t', 41), HttpStatusCode.BadRequest);
        yield return Case("tag", "%20%20", HttpStatusCode.OK);
        yield return Case("tag", "a%07", HttpStatusCode.BadRequest);
        yield return Case("tag", string.Join("&tag=", Enumerable.Range(0, 20)), HttpStatusCode.OK);
        yield return Case("tag", string.Join("&tag=", Enumerable.Range(0, 21)), HttpStatusCode.BadRequest);
        yield return Case("priority", "none,LOW,medium,high", HttpStatusCode.OK);
        yield return Case("priority", "high,", HttpStatusCode.BadRequest);
        yield return Case("priority", "urgent", HttpStatusCode.BadRequest);
        yield return Case("due_before", "9999-12-31T23:59:59.999Z", HttpStatusCode.OK);
        yield return Case("due_before", "0001-01-01T00:00:00Z", HttpStatusCode.OK);
        yield return Case("due_after", "2026-12-24T00:00:00%2B14:00", HttpStatusCode.OK);
        yield return Case("due_after", "2026-12-24", HttpStatusCode.BadRequest);
        yield return Case("due_before", "2026-12-24T00:00:00", HttpStatusCode.BadRequest);
        yield return Case("due_before", "0001-01-01T00:00:00%2B01:00", HttpStatusCode.BadRequest);
    }

    public static IEnumerable<TestCaseData> ForgedCursors()
    {
        var id = Json("\"0f8fad5b-d9cb-469f-a165-70867728950e\"");
        foreach (var (sort, key, longest, beyond) in new[]
        {
            ("Title", "\"m\"", $"\"{new string('m', 255)}\"", $"\"{new string('m', 256)}\""),
            ("Created", "\"638000000000000000\"", $"\"{DateTime.MaxValue.Ticks}\"", $"\"{DateTime.MaxValue.Ticks + 1}\""),
            ("Updated", "\"638000000000000000\"", $"\"{DateTime.MaxValue.Ticks}\"", $"\"{DateTime.MaxValue.Ticks + 1}\""),
            ("Due", "\"\"", $"\"{DateTime.MaxValue.Ticks}\"", $"\"{DateTime.MaxValue.Ticks + 1}\""),
            ("Priority", "\"0\"", "\"3\"", "\"4\""),
        })
        {
            // The controls: a forged cursor is read, so each refusal below is its hostile field's own.
            yield return Cursor(sort, "valid", ForgedCursor(sort, Json(key), id), HttpStatusCode.OK);
            yield return Cursor(sort, "longest key", ForgedCursor(sort, Json(longest), id), HttpStatusCode.OK);
            yield return Cursor(sort, "key one longer", ForgedCursor(sort, Json(beyond), id), HttpStatusCode.BadRequest);
            foreach (var value in JsonUnstorable.Select(Json).Concat(JsonNotUtf8.Select(JsonString)))
            {
                yield return Cursor(sort, $"key {Show(value)}", ForgedCursor(sort, value, id), HttpStatusCode.BadRequest);
                yield return Cursor(sort, $"id {Show(value)}", ForgedCursor(sort, Json(key), value), HttpStatusCode.BadRequest);
                yield return Cursor(sort, $"fingerprint {Show(value)}", ForgedCursor(sort, Json(key), id, value), HttpStatusCode.BadRequest);
            }

            yield return Cursor(sort, "id with NUL", ForgedCursor(sort, Json(key), Json("\"0f8fad5b-d9cb-469f-a165-70867728950e\\u0000\"")), HttpStatusCode.BadRequest);
        }
    }

    [TestCaseSource(nameof(ParameterValues))]
    public async Task List_WithHostileParameterValue_Returns400NamingItOrAnswersTheText(string parameter, string value, HttpStatusCode expected)
    {
        await Client.CreateTaskAsync(UserId);

        using var response = await Client.GetAsync($"{Api.TasksPath(UserId)}?{parameter}={value}");

        await AssertAnsweredAsync(response, parameter, expected);
    }

    [TestCaseSource(nameof(ForgedCursors))]
    public async Task List_WithForgedCursor_Returns400NamingCursorUnlessItIsOneTheListCouldGive(string sort, string cursor, HttpStatusCode expected)
    {
        await Client.CreateTaskAsync(UserId);

        using var response = await Client.GetAsync($"{Api.TasksPath(UserId)}?sort={sort.ToLowerInvariant()}&cursor={cursor}");

        await AssertAnsweredAsync(response, "cursor", expected);
    }

    [Test]
    public async Task List_FollowingTheLinkAfterTheLongestTitle_ReturnsTheNextPage()
    {
        // Each of these characters is escaped as \uXXXX in the cursor's JSON: the longest key a cursor can carry.
        var longest = new string('語', 255);
        await Client.CreateTaskAsync(UserId, $$"""{"title":"{{longest}}"}""");
        await Client.CreateTaskAsync(UserId, $$"""{"title":"{{longest[..254]}}a"}""");
        using var first = await Client.GetAsync($"{Api.TasksPath(UserId)}?sort=title&limit=1");
        var next = NextLink().Match(string.Join(',', first.Headers.GetValues("Link"))).Groups[1].Value;

        using var second = await Client.GetAsync(next);

        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK), await second.Content.ReadAsStringAsync());
        var titles = new[] { await first.BodyAsync(), await second.BodyAsync() }.Select(page => page[0].GetProperty("title").GetString());
        Assert.That(titles, Is.EquivalentTo(new[] { longest, longest[..254] + "a" }));
    }

    [Test]
    public async Task List_WithParameterNamesInJQuerySyntax_IgnoresThem()
    {
        using var response = await Client.GetAsync($"{Api.TasksPath(UserId)}?a[=1&status]=x&q[]=y&[limit=0");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    private static async Task AssertAnsweredAsync(HttpResponseMessage response, string parameter, HttpStatusCode expected)
    {
        if (expected == HttpStatusCode.OK)
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
            return;
        }

        var problem = await response.AssertProblemAsync(expected);
        Assert.That(problem.ErrorsFor(parameter), Is.Not.Empty, problem.ToString());
    }

    private static TestCaseData Case(string parameter, string value, HttpStatusCode expected) =>
        new TestCaseData(parameter, value, expected).SetArgDisplayNames(parameter, value.Length > 20 ? $"{value.Length} characters" : value, expected.ToString());

    private static TestCaseData Cursor(string sort, string what, string cursor, HttpStatusCode expected) =>
        new TestCaseData(sort, cursor, expected).SetArgDisplayNames(sort, what, expected.ToString());

    private static string Show(byte[] json) => Convert.ToHexString(json);

    [GeneratedRegex("<([^>]*)>; rel=\"next\"")]
    private static partial Regex NextLink();
}
