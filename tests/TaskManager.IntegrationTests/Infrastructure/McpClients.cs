using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace TaskManager.IntegrationTests.Infrastructure;

/// <summary>The SDK's own MCP client, talking Streamable HTTP to /mcp of the in-process API.</summary>
public static class McpClients
{
    /// <summary>A connected client that sends <paramref name="token"/>; <paramref name="protocolVersion"/> null is the SDK's default.</summary>
    public static async Task<McpClient> ConnectAsync(this TaskManagerApiFactory factory, string? token, string? protocolVersion = null)
    {
        var transport = new HttpClientTransport(
            new HttpClientTransportOptions
            {
                Endpoint = new Uri("http://localhost/mcp"),
                TransportMode = HttpTransportMode.StreamableHttp,
                AdditionalHeaders = token is null ? null : new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" },
            },
            factory.CreateClient(),
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
