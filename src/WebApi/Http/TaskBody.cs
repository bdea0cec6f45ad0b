using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Unicode;
using TaskManager.Application.Common;
using TaskManager.Application.Common.Exceptions;
using TaskManager.WebApi.Errors;

namespace TaskManager.WebApi.Http;

/// <summary>The fields of a task body, each absent, null or a value: JSON keeps these apart and so does the API.</summary>
internal sealed record TaskBody(Optional<string?> Title, Optional<string?> Description, Optional<bool> Completed)
{
    /// <summary>Reads the known fields and ignores the rest (id, user_id and the times are the server's).</summary>
    /// <exception cref="BadRequestException">The body is not a JSON object.</exception>
    /// <exception cref="ValidationException">A field has the wrong JSON type.</exception>
    public static TaskBody Read(JsonElement body, bool emptyAllowed = false)
    {
        if (emptyAllowed && body.ValueKind == JsonValueKind.Undefined)
        {
            return new TaskBody(default, default, default);
        }

        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new BadRequestException("The request body must be a JSON object.");
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var title = ReadString(body, "title", errors);
        var description = ReadString(body, "description", errors);
        var completed = ReadBoolean(body, "completed", errors);
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        return new TaskBody(title, description, completed);
    }

    private static Optional<string?> ReadString(JsonElement body, string name, Dictionary<string, string[]> errors)
    {
        if (!body.TryGetProperty(name, out var value))
        {
            return default;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return new Optional<string?>(true, null);
            case JsonValueKind.String:
                try
                {
                    return new Optional<string?>(true, value.GetString());
                }
                catch (InvalidOperationException) when (!Utf8.IsValid(JsonMarshal.GetRawUtf8Value(value)))
                {
                    throw new BadRequestException("The request body is not valid UTF-8.");
                }
                catch (InvalidOperationException)
                {
                    // An escaped lone surrogate (\ud800) is well-formed JSON, but no text.
                    errors[name] = [$"{name} must be valid Unicode text."];
                    return default;
                }

            default:
                errors[name] = [$"{name} must be a string or null."];
                return default;
        }
    }

    private static Optional<bool> ReadBoolean(JsonElement body, string name, Dictionary<string, string[]> errors)
    {
        if (!body.TryGetProperty(name, out var value))
        {
            return default;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return new Optional<bool>(true, value.GetBoolean());
        }

        errors[name] = [$"{name} must be true or false."];
        return default;
    }
}
