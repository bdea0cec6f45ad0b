using System.Security.Claims;

namespace TaskManager.Infrastructure.Auth;

/// <summary>Who a token speaks for: its <c>sub</c>, else its <c>user_id</c> (the original system's claim).</summary>
public static class TokenSubject
{
    public const int MaxLength = 128;

    public static string? Of(ClaimsPrincipal? principal)
    {
        var subject = principal?.FindFirst("sub")?.Value;
        return string.IsNullOrEmpty(subject) ? principal?.FindFirst("user_id")?.Value : subject;
    }

    /// <summary>
    /// Why <paramref name="subject"/> cannot name a user, or null when it can. Surrounding white space is refused
    /// because SQL Server compares <c>'alice '</c> equal to <c>'alice'</c>; control characters because no user id
    /// holds them and logs and databases treat them differently.
    /// </summary>
    public static string? Problem(string? subject)
    {
        if (string.IsNullOrEmpty(subject))
        {
            return "The token names no subject (sub or user_id).";
        }

        if (subject.Length > MaxLength)
        {
            return $"The token's subject is longer than {MaxLength} characters.";
        }

        if (char.IsWhiteSpace(subject[0]) || char.IsWhiteSpace(subject[^1]))
        {
            return "The token's subject starts or ends with white space.";
        }

        foreach (var character in subject)
        {
            if (char.IsControl(character))
            {
                return "The token's subject holds control characters.";
            }
        }

        return null;
    }
}
