namespace TaskManager.Application.Common.Exceptions;

/// <summary>A token older than the deletions the service still remembers: 410, the client starts again with a full sync.</summary>
public sealed class ExpiredChangeTokenException()
    : Exception("since is older than the deletions this service remembers: start again without it (a full sync).");
