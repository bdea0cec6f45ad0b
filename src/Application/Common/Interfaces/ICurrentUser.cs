namespace TaskManager.Application.Common.Interfaces;

/// <summary>The authenticated caller. Handlers take the owner from here, never from a request.</summary>
public interface ICurrentUser
{
    /// <summary>The token's subject, which the path's user id has already been checked against.</summary>
    string UserId { get; }
}
