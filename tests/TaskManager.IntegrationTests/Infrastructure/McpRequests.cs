using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace TaskManager.IntegrationTests.Infrastructure;

/// <summary>Raw JSON-RPC over Streamable HTTP, for what the SDK's client would refuse to send.</summary>
public static class McpRequests
{
    public const string Path = "/mcp";

    /// <summary>POSTs <paramref name="body"/> to /mcp as an MCP client would (both media types accepted).</summary>
    public static async Task<HttpResponseMessage> PostMcpAsync(this HttpClient client, string body, string protocolVersion = "2025-11-25")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Path)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        request.Headers.Add("MCP-Protocol-Version", protocolVersion);
        return await client.SendAsync(request);
    }

    /// <summary>A tools/call request with <paramref name="argumentsJson"/> as written, in any JSON the test wants.</summary>
    public static string ToolCall(string tool, string argumentsJson) =>
        $$$"""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":{{{JsonSerializer.Serialize(tool)}}},"arguments":{{{argumentsJson}}}}}""";

    /// <summary>The JSON-RPC message of a response, sent as JSON or as one server-sent event; null when there is none.</summary>
    public static JsonElement? Message(string body)
    {
        var json = body.TrimStart().StartsWith('{')
            ? body
            : string.Concat(body.Split('\n').Where(line => line.StartsWith("data:", StringComparison.Ordinal)).Select(line => line[5..]));
        try
        {
            return string.IsNullOrWhiteSpace(json) ? null : JsonSerializer.Deserialize<JsonElement>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
