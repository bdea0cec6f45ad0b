namespace TaskManager.Application.Common.Exceptions;

public sealed class PreconditionFailedException() : Exception("The task has changed since the version named in If-Match.");
