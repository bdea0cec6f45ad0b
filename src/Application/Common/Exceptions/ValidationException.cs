using FluentValidation.Results;

namespace TaskManager.Application.Common.Exceptions;

/// <summary>A message broke the rules. Errors are keyed by the message's property names; the web layer names them for the wire.</summary>
public sealed class ValidationException : Exception
{
    public ValidationException(IReadOnlyDictionary<string, string[]> errors)
        : base("One or more fields are invalid.")
    {
        Errors = errors;
    }

    public IReadOnlyDictionary<string, string[]> Errors { get; }

    public static ValidationException From(IEnumerable<ValidationFailure> failures) =>
        new(failures
            .GroupBy(f => f.PropertyName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct().ToArray(), StringComparer.Ordinal));
}
