using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using TaskManager.IntegrationTests.Infrastructure;
using static TaskManager.IntegrationTests.Robustness.HostileValues;

namespace TaskManager.IntegrationTests.Robustness;

/// <summary>
/// Every body field of every write, sent on purpose what a database cannot store, text that is not UTF-8, and the
/// longest allowed value and one more, on every test database: refused naming the field (422) or the body (400) with
/// nothing written, or stored exactly as the rules say.
/// </summary>
public sealed class HostileBodyTests(TestDatabase database) : ApiFixture(database)
{
    private static readonly (string Method, string Field)[] Fields =
    [
        ("POST", "title"), ("POST", "description"), ("POST", "completed"),
        ("PUT", "title"), ("PUT", "description"), ("PUT", "completed"),
        ("PATCH", "completed"),
    ];

    public static IEnumerable<TestCaseData> FieldValues()
    {
        foreach (var (method, field) in Fields)
        {
            foreach (var value in JsonUnstorable)
            {
                yield return Case(method, field, value, Json(value), HttpStatusCode.UnprocessableEntity);
            }

            foreach (var bytes in JsonNotUtf8)
            {
                yield return Case(method, field, Convert.ToHexString(bytes), JsonString(bytes), HttpStatusCode.BadRequest);
            }
        }

        foreach (var method in new[] { "POST", "PUT" })
        {
            var stored = method == "POST" ? HttpStatusCode.Created : HttpStatusCode.OK;
            yield return Limit(method, "title", "longest", new string('x', 255), stored);
            yield return Limit(method, "title", "longest, padded", $"  {new string('x', 255)}\t", stored);
            yield return Limit(method, "title", "longest, in pairs", string.Concat(Enumerable.Repeat("🎉", 127)) + "x", stored);
            yield return Limit(method, "title", "one more", new string('x', 256), HttpStatusCode.UnprocessableEntity);
            yield return Limit(method, "title", "one more, in pairs", string.Concat(Enumerable.Repeat("🎉", 128)), HttpStatusCode.UnprocessableEntity);
            yield return Limit(method, "description", "longest", new string('x', 1000), stored);
            yield return Limit(method, "description", "longest, in pairs", string.Concat(Enumerable.Repeat("🎉", 500)), stored);
            yield return Limit(method, "description", "control characters but NUL", "\u0001\t\r\n\u001f\u007f\u0085\u009f", stored);
            yield return Limit(method, "description", "one more", new string('x', 1001), HttpStatusCode.UnprocessableEntity);
        }
    }

    [TestCaseSource(nameof(FieldValues))]
    public async Task Write_WithHostileFieldValue_IsRefusedNamingItOrStoredExactly(string method, string field, byte[] value, HttpStatusCode expected)
    {
        var id = (await Client.CreateTaskAsync(UserId, """{"title":"before","description":"before"}""")).Id();
        var (before, etag) = await Client.GetTaskAsync(UserId, id);
        var (path, body) = method switch
        {
            "POST" => (Api.TasksPath(UserId), field == "title" ? Member(field, value) : [.. "{\"title\":\"t\","u8, .. Member(field, value)[1..]]),
            "PUT" => (Api.TaskPath(UserId, id), Member(field, value)),
            _ => ($"{Api.TaskPath(UserId, id)}/complete", Member(field, value)),
        };
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await Client.SendAsync(request);

        if (expected is HttpStatusCode.Created or HttpStatusCode.OK)
        {
            Assert.That(response.StatusCode, Is.EqualTo(expected), await response.Content.ReadAsStringAsync());
            var written = (await Client.GetTaskAsync(UserId, (await response.BodyAsync()).Id())).Task.GetProperty(field).GetString();
            var sent = JsonDocument.Parse(value).RootElement.GetString()!;
            Assert.That(written, Is.EqualTo(field == "title" ? sent.Trim() : sent), "stored exactly as sent (a title trimmed)");
            return;
        }

        var problem = await response.AssertProblemAsync(expected);
        Assert.That(problem.ErrorsFor(expected == HttpStatusCode.BadRequest ? "body" : field), Is.Not.Empty, problem.ToString());
        using var list = await Client.GetAsync(Api.TasksPath(UserId));
        Assert.That(list.Headers.GetValues("X-Total-Count").Single(), Is.EqualTo("1"), "nothing was created");
        var (after, etagAfter) = await Client.GetTaskAsync(UserId, id);
        Assert.That((after.ToString(), etagAfter), Is.EqualTo((before.ToString(), etag)), "nothing was changed");
    }

    [TestCase("GET", HttpStatusCode.OK)]
    [TestCase("DELETE", HttpStatusCode.NoContent)]
    public async Task BodilessRoute_WithFormBodyInJQuerySyntax_IgnoresTheBody(string method, HttpStatusCode expected)
    {
        var id = (await Client.CreateTaskAsync(UserId)).Id();
        using var request = new HttpRequestMessage(new HttpMethod(method), Api.TaskPath(UserId, id))
        {
            Content = new StringContent("a[=1&b]]=2&[c=3", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"),
        };

        using var response = await Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(expected), await response.Content.ReadAsStringAsync());
    }

    private static byte[] Member(string field, byte[] value) => [.. Json($"{{\"{field}\":"), .. value, (byte)'}'];

    private static TestCaseData Case(string method, string field, string shown, byte[] value, HttpStatusCode expected) =>
        new TestCaseData(method, field, value, expected).SetArgDisplayNames(method, field, shown, expected.ToString());

    private static TestCaseData Limit(string method, string field, string what, string text, HttpStatusCode expected) =>
        Case(method, field, $"{what} ({text.Length} UTF-16 units)", JsonSerializer.SerializeToUtf8Bytes(text), expected);
}
