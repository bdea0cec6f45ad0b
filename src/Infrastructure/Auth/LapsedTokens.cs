using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TaskManager.Infrastructure.Auth;

/// <summary>
/// Tokens refused only for their lifetime (expired, or not valid yet). The lifetime is checked after the signature, so
/// such a token was really issued to its subject: its requests are rate-limited per subject and address, apart from the
/// address's junk, and its holder still learns the 401 that tells it to fetch a new token.
/// </summary>
public static class LapsedTokens
{
    /// <summary>On a failed authentication: remembers the subject on the request when only the token's lifetime failed.</summary>
    public static void Remember(AuthenticationFailedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Exception is not (SecurityTokenExpiredException or SecurityTokenNotYetValidException))
        {
            return;
        }

        var subject = SubjectOf(context.Request.Headers.Authorization.ToString());
        if (TokenSubject.Problem(subject) is null)
        {
            context.HttpContext.Features.Set(new LapsedSubject(subject!));
        }
    }

    /// <summary>The subject of the request's validly signed but lapsed token, or null.</summary>
    public static string? SubjectOf(HttpContext context) => context?.Features.Get<LapsedSubject>()?.Subject;

    // The header as JwtBearerHandler reads it; the token was parsed and its signature checked moments ago.
    private static string? SubjectOf(string authorization)
    {
        const string scheme = "Bearer ";
        if (!authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = new JsonWebToken(authorization[scheme.Length..].Trim());
        return TokenSubject.Read(new ClaimsPrincipal(new ClaimsIdentity(token.Claims)));
    }

    private sealed record LapsedSubject(string Subject);
}
