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

        public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(TaskDto))]
[JsonSerializable(typeof(IReadOnlyList<TaskDto>))]
internal sealed partial class TaskManagerJsonContext : JsonSerializerContext;
