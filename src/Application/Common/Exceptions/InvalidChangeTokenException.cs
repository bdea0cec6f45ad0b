namespace TaskManager.Application.Common.Exceptions;

/// <summary>A <c>since</c> (or Last-Event-ID) that is malformed or another user's: a 400 naming the parameter.</summary>
public sealed class InvalidChangeTokenException()
    : Exception("since is not a token this feed gave you: start again without it (a full sync).")
{
    public const string Parameter = "since";
}
