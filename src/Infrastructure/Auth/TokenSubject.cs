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
}
