namespace TaskManager.Application.Common.Exceptions;

public sealed class ForbiddenAccessException() : Exception(Explanation)
{
    public const string Explanation = "The path names another user: a caller can only reach their own tasks.";
}
