using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace TaskManager.WebApi.Errors;

/// <summary>MVC's own 400s (malformed JSON, bad query parameters) as problem+json with snake_case field names.</summary>
internal static class InvalidModelStateProblems
{
    public static IActionResult Create(ActionContext context)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (key, entry) in context.ModelState)
        {
            if (entry.Errors.Count == 0)
            {
                continue;
            }

            var field = FieldName(key);
            var messages = entry.Errors.Select(e => string.IsNullOrEmpty(e.ErrorMessage) ? "The value is invalid." : e.ErrorMessage);
            errors[field] = [.. errors.GetValueOrDefault(field, []), .. messages];
        }

        var body = errors.ContainsKey("body");
        var problem = new ValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Detail = body ? "The request body is not valid JSON." : "One or more query parameters are invalid.",
        };
        Problems.Customize(new ProblemDetailsContext { HttpContext = context.HttpContext, ProblemDetails = problem });
        return new ObjectResult(problem)
        {
            StatusCode = StatusCodes.Status400BadRequest,
            ContentTypes = { "application/problem+json" },
        };
    }

    // JSON paths ("$.title", "$") and the body parameter's own name mean the body; query keys keep their wire names.
    private static string FieldName(string key)
    {
        if (key.Length == 0 || key[0] == '$' || key.Equals("body", StringComparison.OrdinalIgnoreCase))
        {
            return "body";
        }

        var last = key[(key.LastIndexOf('.') + 1)..];
        return JsonNamingPolicy.SnakeCaseLower.ConvertName(last);
    }
}
