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
}
