using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using TaskManager.Application.Common;

namespace TaskManager.WebApi.Mcp;

/// <summary>
/// Which arguments a tool call named: a parameter's default cannot tell "absent" from "sent as null", and an update
/// must (a null description clears it, an absent one leaves it).
/// </summary>
internal readonly struct ToolArguments(IDictionary<string, JsonElement>? sent)
{
    public static ToolArguments Of(RequestContext<CallToolRequestParams> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return new(call.Params?.Arguments);
    }

    /// <summary>A reference-typed argument: present when sent, null included.</summary>
    public Optional<T> Field<T>(string name, T value)
        where T : class? =>
        new(sent?.ContainsKey(name) == true, value);

    /// <summary>A value-typed argument: present when sent with a value; null, like absent, leaves the field as it is.</summary>
    public static Optional<T> Value<T>(T? value)
        where T : struct =>
        value is { } given ? new(true, given) : default;
}
