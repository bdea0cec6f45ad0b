namespace TaskManager.Application.Common.Interfaces;

/// <summary>The authenticated caller. Handlers take the owner from here, never from a request body.</summary>
public interface ICurrentUser
{
    /// <summary>The token's subject, or null when the caller is anonymous.</summary>
    string? UserId { get; }
}
