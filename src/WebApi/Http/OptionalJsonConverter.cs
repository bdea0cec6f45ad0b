using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using TaskManager.Application.Common;

namespace TaskManager.WebApi.Http;

/// <summary>
/// One body member as an <see cref="Optional{T}"/>: absent stays absent, JSON null is a present null (for text), and a
/// value of the wrong JSON type is kept as unreadable, with a message naming <paramref name="field"/>, instead of
/// failing the whole body: <see cref="OptionalFields"/> reports every such member at once.
/// </summary>
internal sealed class OptionalJsonConverter<T>(string field) : JsonConverter<Optional<T>>
{
    private readonly string _wrongType = typeof(T) == typeof(bool) ? $"{field} must be true or false."
        : typeof(T) == typeof(string) ? $"{field} must be a string or null."
        : typeof(T) == typeof(IReadOnlyList<string>) ? $"{field} must be an array of strings."
        : throw new NotSupportedException($"Optional<{typeof(T).Name}> has no JSON reading yet.");

    public override bool HandleNull => true;

    /// <summary>The <see cref="Optional{T}.Unreadable"/> of a member read by this converter, as the serializer boxes it.</summary>
    public static string? UnreadableOf(object? member) => ((Optional<T>)member!).Unreadable;

    public override Optional<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var fits = typeof(T) == typeof(bool) ? reader.TokenType is JsonTokenType.True or JsonTokenType.False
            : typeof(T) == typeof(string) ? reader.TokenType is JsonTokenType.String or JsonTokenType.Null
            : reader.TokenType is JsonTokenType.StartArray or JsonTokenType.Null;
        if (!fits)
        {
            return Unfit(ref reader, _wrongType);
        }

        if (reader.TokenType == JsonTokenType.StartArray)
        {
            return ReadStrings(ref reader);
        }

        return ReadText(ref reader, field, out var text) is { } unreadable
            ? new Optional<T>(false, default!) { Unreadable = unreadable }
            : new Optional<T>(true, typeof(T) == typeof(bool) ? (T)(object)reader.GetBoolean() : (T)(object?)text!);
    }

    public override void Write(Utf8JsonWriter writer, Optional<T> value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value.Value, options);

    // An array of strings; an element of another type or no text is named by its index, the first one only.
    private Optional<T> ReadStrings(ref Utf8JsonReader reader)
    {
        var values = new List<string>();
        string? unreadable = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var element = $"{field}[{values.Count}]";
            if (reader.TokenType != JsonTokenType.String)
            {
                unreadable ??= Unfit(ref reader, $"{element} must be a string.").Unreadable;
            }
            else if (ReadText(ref reader, element, out var text) is { } message)
            {
                unreadable ??= message;
            }
            else
            {
                values.Add(text!);
                continue;
            }

            values.Add(string.Empty);
        }

        return unreadable is null
            ? new Optional<T>(true, (T)(object)values.AsReadOnly())
            : new Optional<T>(false, default!) { Unreadable = unreadable };
    }

    // A string token, or null; the message when it holds no text (an escaped lone surrogate, \ud800, is well-formed JSON).
    private static string? ReadText(ref Utf8JsonReader reader, string name, out string? text)
    {
        text = null;
        if (reader.TokenType != JsonTokenType.String)
        {
            return null;
        }

        try
        {
            // The reader's own getter: the serializer would turn its errors into a malformed body (400).
            text = reader.GetString();
            return null;
        }
        catch (InvalidOperationException) when (!IsUtf8(ref reader))
        {
            throw NotUtf8();
        }
        catch (InvalidOperationException)
        {
            return $"{name} must be valid Unicode text.";
        }
    }

    private static Optional<T> Unfit(ref Utf8JsonReader reader, string message)
    {
        if (reader.TokenType == JsonTokenType.String && !IsUtf8(ref reader))
        {
            throw NotUtf8();
        }

        // The serializer buffers a whole value before a converter sees it; Skip would refuse a body read in parts.
        reader.TrySkip();
        return new Optional<T>(false, default!) { Unreadable = message };
    }

    // A body that is not UTF-8 is malformed (400) whichever member holds the bytes, even one of the wrong type.
    private static bool IsUtf8(ref Utf8JsonReader reader) =>
        Utf8.IsValid(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);

    private static JsonException NotUtf8() => new("The request body is not valid UTF-8.");
}
