namespace TaskManager.Application.Common.Exceptions;

/// <summary>Another writer changed the task between this request's read and its write.</summary>
public sealed class ConcurrencyConflictException(Exception innerException)
    : Exception("The task was changed by another request at the same time.", innerException);
