using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using TaskManager.Application.Tasks;

namespace TaskManager.WebApi.Http;

/// <summary>The wire's JSON: snake_case names, RFC 3339 UTC times with milliseconds, names for enums, strict request fields.</summary>
internal static class JsonSetup
{
    public static void Apply(JsonSerializerOptions options)
    {
        // Generated metadata for the hot types, reflection for the rest (request bodies, problems, OpenAPI).
        options.TypeInfoResolver = JsonTypeInfoResolver
            .Combine(TaskManagerJsonContext.Default, new DefaultJsonTypeInfoResolver())
            .WithAddedModifier(OptionalFields.Apply);
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = null;
        // Numbers are numbers: the web defaults would also read "5" as 5.
        options.NumberHandling = JsonNumberHandling.Strict;
        // {"title": "a", "title": "b"} has no single meaning: reject it as malformed rather than guess.
        options.AllowDuplicateProperties = false;
        options.Converters.Add(new UtcTimestampConverter());
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
    }

    private sealed class UtcTimestampConverter : JsonConverter<DateTime>
    {
        public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetDateTime().ToUniversalTime();

        // A UTC time in the round-trip format is "yyyy-MM-ddTHH:mm:ss.fffffffZ", formatted on a fast path straight to
        // UTF-8; the wire keeps its milliseconds (cut, as "fff" would). A custom format string cost a string and the
        // slow formatter per timestamp, forty of them in a page of twenty tasks.
        private const int RoundTripLength = 28;
        private const int MillisecondsEnd = 23;

        public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
        {
            Span<byte> utf8 = stackalloc byte[RoundTripLength];
            value.ToUniversalTime().TryFormat(utf8, out _, "O", CultureInfo.InvariantCulture);
            utf8[MillisecondsEnd] = (byte)'Z';
            writer.WriteStringValue(utf8[..(MillisecondsEnd + 1)]);
        }
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(TaskDto))]
[JsonSerializable(typeof(IReadOnlyList<TaskDto>))]
internal sealed partial class TaskManagerJsonContext : JsonSerializerContext;
