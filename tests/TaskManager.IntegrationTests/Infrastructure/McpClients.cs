using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace TaskManager.IntegrationTests.Infrastructure;

/// <summary>The SDK's own MCP client, talking Streamable HTTP to /mcp of the in-process API or of a real process.</summary>
public static class McpClients
{
    /// <summary>A connected client that sends <paramref name="token"/>; <paramref name="protocolVersion"/> null is the SDK's default.</summary>
    public static Task<McpClient> ConnectAsync(this TaskManagerApiFactory factory, string? token, string? protocolVersion = null) =>
        ConnectAsync(factory.CreateClient(), new Uri("http://localhost/mcp"), token, protocolVersion);

    /// <summary>A client connected to the real process's /mcp over a real socket.</summary>
    public static Task<McpClient> ConnectAsync(this ApiProcess api, string? token) =>
        ConnectAsync(new HttpClient(), new Uri(api.BaseAddress, "/mcp"), token, protocolVersion: null);

    private static async Task<McpClient> ConnectAsync(HttpClient http, Uri endpoint, string? token, string? protocolVersion)
    {
        var transport = new HttpClientTransport(
            new HttpClientTransportOptions
            {
                Endpoint = endpoint,
                TransportMode = HttpTransportMode.StreamableHttp,
                AdditionalHeaders = token is null ? null : new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" },
            },
            http,
            ownsHttpClient: true);
        return await McpClient.CreateAsync(transport, new McpClientOptions { ProtocolVersion = protocolVersion });
    }

    /// <summary>Calls a tool with arguments given as JSON, so a test can send any JSON type.</summary>
    public static async Task<CallToolResult> CallAsync(this McpClient client, string tool, string argumentsJson = "{}") =>
        await client.CallToolAsync(new CallToolRequestParams
        {
            Name = tool,
            Arguments = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(argumentsJson),
        });

    /// <summary>The text of a result's single text block.</summary>
    public static string Text(this CallToolResult result) =>
        result.Content.OfType<TextContentBlock>().Single().Text;

    /// <summary>A successful result's JSON.</summary>
    public static JsonElement Json(this CallToolResult result)
    {
        Assert.That(result.IsError, Is.Not.True, () => result.Text());
        return JsonSerializer.Deserialize<JsonElement>(result.Text());
    }
}
