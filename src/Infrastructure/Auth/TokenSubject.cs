using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using TaskManager.Domain.Tasks;

namespace TaskManager.Infrastructure.Auth;

/// <summary>Who a token speaks for: its <c>sub</c>, else its <c>user_id</c> (the original system's claim).</summary>
public static class TokenSubject
{
    public const int MaxLength = TaskLimits.UserIdMaxLength;

    private static readonly object ItemKey = new();

    /// <summary>The subject of the request's accepted token, read from it once as it was accepted; null when anonymous.</summary>
    public static string? Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(ItemKey, out var subject) ? (string?)subject : null;
    }

    internal static string? Read(ClaimsPrincipal? principal)
    {
        var subject = principal?.FindFirst("sub")?.Value;
        return string.IsNullOrEmpty(subject) ? principal?.FindFirst("user_id")?.Value : subject;
    }

    /// <summary>Keeps the subject of the token just accepted for the rest of the request.</summary>
    internal static void Remember(HttpContext context, string subject) => context.Items[ItemKey] = subject;

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
