using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace TaskManager.WebApi.Errors;

/// <summary>A request the API cannot read at all (400), as opposed to one whose fields break the rules (422).</summary>
internal sealed class BadRequestException(string message, IReadOnlyDictionary<string, string[]>? errors = null) : Exception(message)
{
    /// <summary>The body or the query parameters that could not be read, when the request names any.</summary>
    public IReadOnlyDictionary<string, string[]>? Errors { get; } = errors;

    /// <summary>MVC's own refusals (malformed JSON, invalid query parameters), keyed by body or parameter.</summary>
    public static BadRequestException From(ModelStateDictionary modelState)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (key, entry) in modelState)
        {
            var field = FieldName(key);
            var messages = entry.Errors.Select(e => string.IsNullOrEmpty(e.ErrorMessage) ? "The value is invalid." : e.ErrorMessage);
            errors[field] = [.. errors.GetValueOrDefault(field, []), .. messages];
        }

        return new BadRequestException(
            errors.ContainsKey("body") ? "The request body is not valid JSON." : "One or more query parameters are invalid.",
            errors.Where(e => e.Value.Length > 0).ToDictionary(StringComparer.Ordinal));
    }

    // JSON paths ("$.title", "$") and the body parameter's own name mean the body; query keys keep their names.
    private static string FieldName(string key) =>
        key.Length == 0 || key[0] == '$' || key.Equals("body", StringComparison.OrdinalIgnoreCase) ? "body" : key[(key.LastIndexOf('.') + 1)..];
}
