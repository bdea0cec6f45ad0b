namespace TaskManager.Application.Common.Interfaces;

/// <summary>The authenticated caller. Handlers take the owner from here, never from a request.</summary>
public interface ICurrentUser
{
    /// <summary>The token's subject. On /api the path's user id has already been checked against it; /mcp has no path user.</summary>
    string UserId { get; }
}
