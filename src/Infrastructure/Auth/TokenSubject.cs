using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using TaskManager.Domain.Tasks;

namespace TaskManager.Infrastructure.Auth;

/// <summary>
/// Who a token speaks for (its <c>sub</c>, else its <c>user_id</c>, the original system's claim), kept on the request
/// as a feature once the token is checked, so that it is read from the token once.
/// </summary>
/// <param name="Value">The subject; always one that <see cref="Problem"/> accepts.</param>
/// <param name="Lapsed">
/// The token was refused only for its lifetime (expired, or not valid yet). The lifetime is checked after the
/// signature, so such a token was really issued to its subject: its requests are rate-limited per subject and address,
/// apart from the address's junk, and its holder still learns the 401 that tells it to fetch a new token.
/// </param>
public sealed record TokenSubject(string Value, bool Lapsed)
{
    public const int MaxLength = TaskLimits.UserIdMaxLength;

    /// <summary>The subject of the request's accepted token; null when anonymous or refused.</summary>
    public static string? Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<TokenSubject>() is { Lapsed: false } subject ? subject.Value : null;
    }

    /// <summary>Keeps the subject of <paramref name="principal"/> on the request when it is usable; otherwise says why not.</summary>
    internal static string? Remember(HttpContext context, ClaimsPrincipal? principal, bool lapsed)
    {
        var subject = principal?.FindFirst("sub")?.Value;
        subject = string.IsNullOrEmpty(subject) ? principal?.FindFirst("user_id")?.Value : subject;
        var problem = Problem(subject);
        if (problem is null)
        {
            context.Features.Set(new TokenSubject(subject!, lapsed));
        }

        return problem;
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
