using System.Reflection;
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
    private static readonly MethodInfo UnreadableOfMethod =
        typeof(OptionalFields).GetMethod(nameof(UnreadableOf), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>A type-info modifier: runs once per type, when its metadata is built.</summary>
    public static void Apply(JsonTypeInfo type)
    {
        var fields = new List<(string Name, Func<object, string?> Unreadable)>();
        foreach (var property in type.Properties)
        {
            if (property.PropertyType is { IsGenericType: true } optional && optional.GetGenericTypeDefinition() == typeof(Optional<>))
            {
                var valueType = optional.GetGenericArguments()[0];
                property.CustomConverter = (JsonConverter)Activator.CreateInstance(
                    typeof(OptionalJsonConverter<>).MakeGenericType(valueType), property.Name)!;
                fields.Add((property.Name, (Func<object, string?>)UnreadableOfMethod.MakeGenericMethod(valueType).Invoke(null, [property.Get!])!));
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

    private static Func<object, string?> UnreadableOf<T>(Func<object, object?> get) => body => ((Optional<T>)get(body)!).Unreadable;
}
