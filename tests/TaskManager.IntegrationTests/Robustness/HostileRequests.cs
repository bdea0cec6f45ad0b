using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace TaskManager.IntegrationTests.Robustness;

/// <summary>A seeded generator of hostile requests: the same seed gives the same requests, so a failure can be replayed.</summary>
public sealed class HostileRequests(int seed, string userId, string otherUserId, IReadOnlyList<string> taskIds, Func<string, string> tokenFor)
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"];
    private static readonly string[] Keys =
    [
        "title", "description", "completed", "id", "user_id", "created_at", "updated_at", "", "Title", "__proto__", "title\u0000",
        "due_at", "priority", "tags", "completed_at",
    ];
    private static readonly string[] ContentTypes =
    [
        "application/json", "application/json; charset=utf-8", "application/json; charset=utf-16", "application/json; charset=bogus",
        "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/merge-patch+json",
    ];

    // No %00: the in-process test server cannot even build such a request (Kestrel answers it 400 itself).
    private static readonly string[] Segments =
    [
        "%2e%2e", "..", "%C3%28", "%FF", "%252F", "%2F", "' OR 1=1 --", "\u202Etask", "0", "-1", "null", "undefined",
        "00000000-0000-0000-0000-000000000000", "{0f8fad5b-d9cb-469f-a165-70867728950e}", "0F8FAD5B-D9CB-469F-A165-70867728950E",
    ];

    private static readonly string[] IdempotencyKeys =
    [
        "k1", "k2", "k3", Guid.Empty.ToString(), new string('k', 255), new string('k', 256), " ", "a b", "tab\there", "é", "🎉", "\u007f",
        "' OR 1=1 --", "%00", "\"quoted\"", "a,b",
    ];

    private readonly Random _random = new(seed);

    public HttpRequestMessage Next()
    {
        var method = Pick(Methods);
        var request = new HttpRequestMessage(new HttpMethod(method), Path());
        if (_random.Next(4) > 0)
        {
            request.Content = Body();
        }

        Headers(request);
        return request;
    }

    private string Path()
    {
        var user = _random.Next(10) switch
        {
            0 => otherUserId,
            1 => Uri.EscapeDataString(Pick(Segments)),
            _ => userId,
        };
        var task = _random.Next(3) switch
        {
            0 when taskIds.Count > 0 => Pick(taskIds),
            1 => Guid.NewGuid().ToString(),
            _ => Pick(Segments),
        };
        var path = _random.Next(5) switch
        {
            0 => $"/api/{user}/tasks",
            1 => $"/api/{user}/tasks/{task}",
            2 => $"/api/{user}/tasks/{task}/complete",
            3 => $"/api/{user}/tasks/{task}/{Pick(Segments)}",
            _ => $"/api/{user}/tasks{(_random.Next(2) == 0 ? "/" : "")}",
        };
        return _random.Next(3) == 0 ? path + Query() : path;
    }

    private string Query()
    {
        if (_random.Next(4) == 0)
        {
            // A cursor that passes the fingerprint check: only its own fields can refuse it.
            var key = _random.Next(2) == 0 ? HostileValues.Json(Pick(HostileValues.JsonUnstorable)) : HostileValues.JsonString(Pick(HostileValues.JsonNotUtf8));
            return "?sort=title&cursor=" + HostileValues.ForgedCursor("Title", key, HostileValues.Json($"\"{Guid.NewGuid()}\""));
        }

        string[] names = ["status", "sort", "order", "q", "limit", "offset", "status", "cursor", "", "priority", "tag", "tag", "due_before", "due_after"];
        string[] values =
        [
            "all", "pending", "title", "desc", "-1", "0", "500", "501", "2147483648", "1e9", "99999999999999999999", "%E2%80%AE", "' or 1=1",
            "%", "_", "\\", "", new string('q', 1000), new string('q', 1001), .. HostileValues.QueryNul, .. HostileValues.QueryNotUtf8,
            "due", "priority", "high", "low,HIGH", "none,", "work", new string('t', 41), "2026-12-24T00:00:00Z", "2026-12-24", "0001-01-01T00:00:00%2B01:00",
        ];
        var parts = Enumerable.Range(0, _random.Next(1, 5)).Select(_ => $"{Pick(names)}={Pick(values)}");
        return "?" + string.Join('&', parts);
    }

    private ByteArrayContent Body()
    {
        byte[] bytes = _random.Next(8) switch
        {
            0 => RandomBytes(_random.Next(0, 200)),
            1 => Mutate(Encoding.UTF8.GetBytes(ValidBody())),
            2 => Encoding.UTF8.GetBytes(new string('[', _random.Next(30, 3000)) + new string(']', _random.Next(0, 3000))),
            3 => Encoding.UTF8.GetBytes($$"""{"title":"{{new string('x', _random.Next(200, 70_000))}}"}"""),
            4 => [.. Encoding.UTF8.GetBytes($"{{\"{Pick(Keys)}\":"), .. HostileValues.JsonString(Pick(HostileValues.JsonNotUtf8)), (byte)'}'],
            _ => Encoding.UTF8.GetBytes(ValidBody()),
        };
        var content = new ByteArrayContent(bytes);
        if (_random.Next(6) > 0)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", Pick(ContentTypes));
        }

        return content;
    }

    private string ValidBody()
    {
        var builder = new StringBuilder("{");
        var count = _random.Next(0, 6);
        for (var i = 0; i < count; i++)
        {
            builder.Append(CultureInfo.InvariantCulture, $"\"{Pick(Keys)}\":{Value(depth: 0)}");
            if (i < count - 1)
            {
                builder.Append(',');
            }
        }

        return builder.Append('}').ToString();
    }

    /// <summary>A random JSON value, hostile ones included; the MCP fuzzer sends them as tool arguments.</summary>
    public string Value(int depth = 0) => _random.Next(depth > 3 ? 9 : 11) switch
    {
        0 => "null",
        1 => "true",
        2 => "false",
        3 => Pick(["0", "-0", "1e999", "-1e-999", "123456789012345678901234567890", "1.5", "NaN", "Infinity"]),
        4 => Pick(["\"\"", "\" \"", "\"ok\"", "\"<script>alert(1)</script>\"", "\"Robert'); DROP TABLE tasks;--\"", "\"é\"", "\"🎉\"", .. HostileValues.JsonUnstorable]),
        5 => $"\"{new string('a', Pick([0, 255, 256, 1000, 1001, _random.Next(0, 1200)]))}\"",
        6 => "\"\\u00e9t\\u00e9\"",
        7 => Pick(["\"2026-11-24T03:04:48.771Z\"", "\"2026-11-24\"", "\"9999-12-31T23:59:59.9999999-14:00\"", "\"high\"", "\"High\""]),
        8 => $"\"{Guid.NewGuid()}\"",
        9 => $"[{Value(depth + 1)},{Value(depth + 1)}]",
        _ => $"{{\"{Pick(Keys)}\":{Value(depth + 1)}}}",
    };

    private void Headers(HttpRequestMessage request)
    {
        switch (_random.Next(8))
        {
            case 0:
                break;
            case 1:
                // A third user's: the bystander's own token would be the bystander changing its own tasks.
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokenFor("user-stranger"));
                break;
            case 2:
                request.Headers.TryAddWithoutValidation("Authorization", Pick(["Bearer", "Bearer ", "Basic Zm9vOmJhcg==", "Bearer a.b.c", "bearer " + tokenFor(userId), "Bearer " + new string('A', 9000)]));
                break;
            default:
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokenFor(userId));
                break;
        }

        if (_random.Next(3) == 0)
        {
            request.Headers.TryAddWithoutValidation(Pick(["If-Match", "If-None-Match"]), Pick(["*", "\"v1\"", "W/\"v1\"", "\"v-1\"", "\"v99999999999\"", "garbage", "\"", "\"v1\", W/\"v2\", \"x\"", ""]));
        }

        if (_random.Next(4) == 0)
        {
            // A few keys come back on other routes and bodies (422) or as replays; the rest are malformed (400).
            request.Headers.TryAddWithoutValidation("Idempotency-Key", Pick(IdempotencyKeys));
        }

        if (_random.Next(5) == 0)
        {
            request.Headers.TryAddWithoutValidation(Pick(["Accept", "Accept-Charset", "X-Forwarded-For", "X-Forwarded-Proto", "Origin", "Range"]), Pick(["text/html", "*/*", "application/xml;q=0.9", "utf-16", "1.2.3.4", "https", "null", "bytes=0-1"]));
        }
    }

    public byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>Changes one to three bytes at random.</summary>
    public byte[] Mutate(byte[] bytes)
    {
        for (var i = 0; i < _random.Next(1, 4) && bytes.Length > 0; i++)
        {
            bytes[_random.Next(bytes.Length)] = (byte)_random.Next(256);
        }

        return bytes;
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
