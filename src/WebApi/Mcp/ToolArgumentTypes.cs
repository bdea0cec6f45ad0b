using System.Globalization;
using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ValidationException = TaskManager.Application.Common.Exceptions.ValidationException;

namespace TaskManager.WebApi.Mcp;

/// <summary>
/// Checks a call's arguments against the tool's input schema (generated from its parameters) before the SDK binds
/// them, so that a value of the wrong JSON type is refused naming the argument, as the HTTP API names a body member,
/// instead of failing the binding. Arguments the schema does not name are ignored, like unknown body members.
/// </summary>
internal static class ToolArgumentTypes
{
    public static void Check(RequestContext<CallToolRequestParams> call)
    {
        if (call.MatchedPrimitive is not McpServerTool tool || !tool.ProtocolTool.InputSchema.TryGetProperty("properties", out var properties))
        {
            return;
        }

        var sent = call.Params?.Arguments ?? new Dictionary<string, JsonElement>();
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var name in Required(tool.ProtocolTool.InputSchema).Where(name => !sent.ContainsKey(name)))
        {
            errors[name] = [$"{name} is required."];
        }

        foreach (var name in UnreadableArguments.Of(call))
        {
            errors[name] = [$"{name} must be valid Unicode text."];
        }

        foreach (var (name, value) in sent)
        {
            if (properties.TryGetProperty(name, out var schema) && Problem(name, value, schema) is { } problem)
            {
                errors[name] = [problem];
            }
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
    }

    private static IEnumerable<string> Required(JsonElement schema) =>
        schema.TryGetProperty("required", out var required) ? required.EnumerateArray().Select(name => name.GetString()!) : [];

    private static string? Problem(string name, JsonElement value, JsonElement schema)
    {
        var types = schema.TryGetProperty("type", out var type)
            ? type.ValueKind == JsonValueKind.Array ? [.. type.EnumerateArray().Select(t => t.GetString()!)] : new[] { type.GetString()! }
            : [];
        if (types.Length > 0 && !types.Any(t => Fits(value, t)))
        {
            return schema.TryGetProperty("enum", out var allowed) ? MustBeOneOf(name, allowed) : $"{name} must be {Describe(types)}.";
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            // Strings hold text here: UnreadableArguments set aside those that do not.
            var text = value.GetString()!;

            // Names are case-insensitive, as in the query string.
            if (schema.TryGetProperty("enum", out var allowed)
                && !allowed.EnumerateArray().Any(a => a.ValueKind == JsonValueKind.String && string.Equals(a.GetString(), text, StringComparison.OrdinalIgnoreCase)))
            {
                return MustBeOneOf(name, allowed);
            }

            if (schema.TryGetProperty("format", out var format) && format.GetString() == "date-time"
                && !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _))
            {
                return $"{name} must be a time in RFC 3339 format, e.g. 2030-01-31T17:00:00Z.";
            }
        }

        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            return value.EnumerateArray().Select(item => Problem($"each item of {name}", item, items)).FirstOrDefault(p => p is not null);
        }

        return null;
    }

    private static bool Fits(JsonElement value, string type) => type switch
    {
        "string" => value.ValueKind == JsonValueKind.String,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out _),
        "number" => value.ValueKind == JsonValueKind.Number,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "array" => value.ValueKind == JsonValueKind.Array,
        "object" => value.ValueKind == JsonValueKind.Object,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => false,
    };

    private static string Describe(string[] types) => string.Join(" or ", types.Select(type => type switch
    {
        "string" => "a string",
        "integer" => "a whole number",
        "number" => "a number",
        "boolean" => "true or false",
        "array" => "an array",
        "object" => "an object",
        _ => type,
    }));

    // As the HTTP API words it: "status must be all, pending or completed."
    private static string MustBeOneOf(string name, JsonElement allowed)
    {
        var names = allowed.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.String).Select(a => a.GetString()!).ToList();
        return names.Count > 1 ? $"{name} must be {string.Join(", ", names[..^1])} or {names[^1]}." : $"{name} must be {names.Single()}.";
    }
}
