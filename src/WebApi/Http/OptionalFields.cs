using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using TaskManager.Application.Common;
using ValidationException = TaskManager.Application.Common.Exceptions.ValidationException;

namespace TaskManager.WebApi.Http;

/// <summary>
/// Reads every <see cref="Optional{T}"/> member of a request body with <see cref="OptionalJsonConverter{T}"/>, and
/// refuses the body (422) once it is read when any member had the wrong JSON type, naming each such member. So the
/// types are checked before any rule, for every field of every body, without a line per field.
/// </summary>
internal static class OptionalFields
{
    /// <summary>A type-info modifier: runs once per type, when its metadata is built.</summary>
    public static void Apply(JsonTypeInfo type)
    {
        var fields = new List<(string Name, Func<object, string?> Unreadable)>();
        foreach (var property in type.Properties)
        {
            if (property.PropertyType is { IsGenericType: true } optional && optional.GetGenericTypeDefinition() == typeof(Optional<>))
            {
                var converter = typeof(OptionalJsonConverter<>).MakeGenericType(optional.GetGenericArguments());
                property.CustomConverter = (JsonConverter)Activator.CreateInstance(converter, property.Name)!;
                // Bound once here, so that a request pays a cast, not a reflection call, per member.
                var unreadable = converter.GetMethod(nameof(OptionalJsonConverter<object>.UnreadableOf))!
                    .CreateDelegate<Func<object?, string?>>();
                var get = property.Get!;
                fields.Add((property.Name, body => unreadable(get(body))));
            }
        }

        if (fields.Count > 0)
        {
            type.OnDeserialized = body => Check(body, fields);
        }
    }

    private static void Check(object body, List<(string Name, Func<object, string?> Unreadable)> fields)
    {
        Dictionary<string, string[]>? errors = null;
        foreach (var (name, unreadable) in fields)
        {
            if (unreadable(body) is { } message)
            {
                (errors ??= new(StringComparer.Ordinal))[name] = [message];
            }
        }

        if (errors is not null)
        {
            throw new ValidationException(errors);
        }
    }
}
