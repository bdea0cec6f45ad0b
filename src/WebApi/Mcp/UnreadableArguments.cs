using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace TaskManager.WebApi.Mcp;

/// <summary>
/// Sets aside, before the SDK reads a tools/call, each argument that holds no text (an escaped lone surrogate such as
/// <c>\ud800</c>: well-formed JSON, but no string). The SDK would fail the whole call with a bare protocol error; set
/// aside, the argument is refused by name in <see cref="ToolArgumentTypes"/>, as the HTTP API refuses such a member.
/// </summary>
internal static class UnreadableArguments
{
    private const string ItemKey = "taskmanager.unreadable-arguments";

    public static McpMessageHandler SetAside(McpMessageHandler next) =>
        async (context, cancellationToken) =>
        {
            if (context.JsonRpcMessage is JsonRpcRequest { Method: RequestMethods.ToolsCall, Params: JsonObject call }
                && call["arguments"] is JsonObject arguments)
            {
                var unreadable = arguments.Where(argument => !IsText(argument.Value)).Select(argument => argument.Key).ToList();
                foreach (var name in unreadable)
                {
                    arguments.Remove(name);
                }

                if (unreadable.Count > 0)
                {
                    context.Items[ItemKey] = unreadable;
                }
            }

            await next(context, cancellationToken);
        };

    /// <summary>The names of the arguments set aside in this call.</summary>
    public static IReadOnlyList<string> Of(MessageContext call) =>
        call.Items.TryGetValue(ItemKey, out var names) && names is List<string> list ? list : [];

    private static bool IsText(JsonNode? value)
    {
        try
        {
            // Writing a value unescapes every string in it, which is where a lone surrogate fails.
            _ = value?.ToJsonString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
