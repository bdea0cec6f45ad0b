namespace TaskManager.Application.Common;

/// <summary>
/// A request field: absent (<c>default</c>), or present with a value, which may be null. Absent is not the same as null.
/// </summary>
public readonly record struct Optional<T>(bool HasValue, T Value)
{
    /// <summary>Why a value that was sent is no <typeparamref name="T"/> (a number for a text, say); null when it is one.</summary>
    public string? Unreadable { get; init; }
}
