using System.ComponentModel;
using TaskManager.Application.Common;

namespace TaskManager.WebApi.Controllers;

/// <summary>
/// The optional body of a complete: none, an empty body or <c>{}</c> toggles completed; <c>{"completed": true|false}</c>
/// sets it, so a retry cannot flip it back.
/// </summary>
public readonly record struct CompleteTaskRequest
{
    public Optional<bool> Completed { get; init; }

    // The contract type-checks a task body's fields on every route that reads one; here they change nothing.
    [Description("Type-checked, then ignored.")]
    public Optional<string> Title { get; init; }

    [Description("Type-checked, then ignored.")]
    public Optional<string?> Description { get; init; }

    [Description("Type-checked, then ignored.")]
    public Optional<string?> DueAt { get; init; }

    [Description("Type-checked, then ignored.")]
    public Optional<string> Priority { get; init; }

    [Description("Type-checked, then ignored.")]
    public Optional<IReadOnlyList<string>> Tags { get; init; }
}
