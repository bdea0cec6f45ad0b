namespace TaskManager.Application.Common;

/// <summary>A field that may be absent from a request, which is not the same as present and null. <c>default</c> is absent.</summary>
public readonly record struct Optional<T>(bool HasValue, T Value);
