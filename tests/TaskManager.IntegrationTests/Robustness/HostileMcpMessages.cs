using System.Net.Http.Headers;
using System.Text;
using TaskManager.IntegrationTests.Infrastructure;

namespace TaskManager.IntegrationTests.Robustness;

/// <summary>
/// A seeded generator of hostile requests to /mcp: JSON-RPC messages of every method, malformed and batched ones,
/// and tool calls whose arguments are random JSON values (those of <see cref="HostileRequests"/>) or task ids that
/// are the caller's, a bystander's or nobody's. The same seed gives the same requests.
/// </summary>
public sealed class HostileMcpMessages(int seed, string userId, IReadOnlyList<string> taskIds, Func<string, string> tokenFor)
{
    private static readonly string[] Methods =
    [
        "tools/call", "tools/call", "tools/call", "tools/call", "tools/list", "initialize", "ping", "notifications/initialized",
        "server/discover", "resources/list", "prompts/get", "logging/setLevel", "completion/complete", "", "rpc.discover", "TOOLS/CALL",
    ];

    private static readonly string[] Tools = ["list_tasks", "add_task", "update_task", "complete_task", "delete_task", "", "drop_tables", "LIST_TASKS"];
    private static readonly string[] ArgumentNames = ["task_id", "task_id", "title", "description", "completed", "status", "q", "sort", "order", "limit", "user_id", "", "__proto__"];
    private static readonly string[] ProtocolVersions = ["2025-11-25", "2025-06-18", "2026-07-28", "2024-11-05", "1999-01-01", "", "garbage"];
    private static readonly string[] Accepts = ["application/json, text/event-stream", "application/json, text/event-stream", "application/json", "text/event-stream", "*/*", "text/html"];

    private readonly Random _random = new(seed);
    private readonly HostileRequests _values = new(seed, userId, "user-stranger", taskIds, tokenFor);

    public HttpRequestMessage Next()
    {
        var method = _random.Next(10) == 0 ? Pick(new[] { HttpMethod.Get, HttpMethod.Delete, HttpMethod.Put, HttpMethod.Options }) : HttpMethod.Post;
        var request = new HttpRequestMessage(method, Pick(["/mcp", "/mcp", "/mcp", "/mcp/", "/mcp/sse", "/mcp/message", "/mcp?x=1"]))
        {
            Content = new ByteArrayContent(Body()),
        };
        // Mostly a well-formed transport, so that most requests reach the JSON-RPC and tool layers.
        if (_random.Next(12) > 0)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", _random.Next(12) > 0 ? "application/json" : Pick(["application/json; charset=utf-16", "application/json; charset=bogus", "text/plain"]));
        }

        request.Headers.TryAddWithoutValidation("Accept", _random.Next(8) > 0 ? Accepts[0] : Pick(Accepts));
        if (_random.Next(4) > 0)
        {
            request.Headers.TryAddWithoutValidation("MCP-Protocol-Version", _random.Next(6) > 0 ? Pick(ProtocolVersions[..3]) : Pick(ProtocolVersions));
        }

        if (_random.Next(6) == 0)
        {
            request.Headers.TryAddWithoutValidation(Pick(["Mcp-Session-Id", "Mcp-Method", "Mcp-Name", "Last-Event-ID"]), Pick(["x", "tools/call", "add_task", Guid.NewGuid().ToString(), ""]));
        }

        Authorize(request);
        return request;
    }

    private byte[] Body() => _random.Next(10) switch
    {
        0 => _values.RandomBytes(_random.Next(0, 200)),
        1 => _values.Mutate(Encoding.UTF8.GetBytes(Message())),
        2 => Encoding.UTF8.GetBytes($"[{Message()},{Message()}]"),
        3 => Encoding.UTF8.GetBytes(new string('{', _random.Next(30, 2000))),
        4 => [.. Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"add_task","arguments":{"title":"""),
              .. HostileValues.JsonString(Pick(HostileValues.JsonNotUtf8)), .. "}}}"u8],
        _ => Encoding.UTF8.GetBytes(Message()),
    };

    private string Message()
    {
        var method = Pick(Methods);
        var parts = new List<string>();
        if (_random.Next(10) > 0)
        {
            parts.Add($"\"jsonrpc\":{(_random.Next(10) > 0 ? "\"2.0\"" : Pick(["\"1.0\"", "null", "2"]))}");
        }

        if (_random.Next(8) > 0)
        {
            parts.Add($"\"id\":{(_random.Next(6) > 0 ? Pick(["1", "\"a\"", "-1"]) : Pick(["null", "{}", "[]", "1.5", "99999999999999999999", _values.Value()]))}");
        }

        parts.Add($"\"method\":{(_random.Next(12) == 0 ? _values.Value() : Quote(method))}");
        if (_random.Next(10) > 0)
        {
            parts.Add($"\"params\":{Params(method)}");
        }

        return "{" + string.Join(',', parts) + "}";
    }

    private string Params(string method) => method switch
    {
        "tools/call" when _random.Next(8) > 0 =>
            $"{{\"name\":{(_random.Next(10) == 0 ? _values.Value() : Quote(Pick(Tools)))},\"arguments\":{(_random.Next(10) == 0 ? _values.Value() : Arguments())}}}",
        "initialize" => $$$"""{"protocolVersion":{{{Quote(Pick(ProtocolVersions))}}},"capabilities":{{{_values.Value()}}},"clientInfo":{"name":{{{_values.Value()}}},"version":"1"}}""",
        _ => _random.Next(2) == 0 ? "{}" : _values.Value(),
    };

    private string Arguments()
    {
        var arguments = Enumerable.Range(0, _random.Next(0, 6)).Select(_ =>
        {
            var name = Pick(ArgumentNames);
            var value = _random.Next(3) switch
            {
                0 when name == "task_id" => Quote(_random.Next(4) == 0 ? Guid.NewGuid().ToString() : Pick(taskIds)),
                // Plausible values too, so that calls get past the type checks to the handlers' rules.
                1 => Pick(["\"ok\"", "\"pending\"", "\"title\"", "\"desc\"", "\" \"", "true", "false", "0", "5", "501", "null"]),
                _ => _values.Value(),
            };
            return $"{Quote(name)}:{value}";
        });
        return "{" + string.Join(',', arguments) + "}";
    }

    private void Authorize(HttpRequestMessage request)
    {
        switch (_random.Next(10))
        {
            case 0:
                break;
            case 1:
                request.Headers.TryAddWithoutValidation("Authorization", Pick(["Bearer", "Bearer a.b.c", "Basic Zm9vOmJhcg==", "Bearer " + new string('A', 9000)]));
                break;
            default:
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokenFor(userId));
                break;
        }
    }

    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
