using TaskManager.Application.Common.Exceptions;

namespace TaskManager.Application.Common.Interfaces;

public static class CurrentUserExtensions
{
    /// <summary>The caller's id, provided it is the user the request names: nobody reaches another user's tasks.</summary>
    public static string RequireOwner(this ICurrentUser currentUser, string requestedUserId)
    {
        ArgumentNullException.ThrowIfNull(currentUser);
        var callerId = currentUser.UserId ?? throw new UnauthorizedAccessException("The caller is not authenticated.");
        if (!string.Equals(callerId, requestedUserId, StringComparison.Ordinal))
        {
            throw new ForbiddenAccessException();
        }

        return callerId;
    }
}
