using Microsoft.IdentityModel.Tokens;

namespace TaskManager.Infrastructure.Auth;

/// <summary>What every accepted token meets, whichever key signed it; the key and algorithms are set per route.</summary>
internal static class TokenRules
{
    public const string NotBeforeAfterExpiry = "The token's nbf is after its exp.";

    /// <summary>Signed, with an expiry, within its lifetime; issuer and audience checked when given.</summary>
    public static TokenValidationParameters For(string? issuer, string? audience, TimeSpan clockSkew, TimeProvider clock) => new()
    {
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateLifetime = true,
        ClockSkew = clockSkew,
        LifetimeValidator = Lifetime(clock),
        ValidateIssuer = !string.IsNullOrEmpty(issuer),
        ValidIssuer = issuer,
        ValidateAudience = !string.IsNullOrEmpty(audience),
        ValidAudience = audience,
        NameClaimType = "sub",
    };

    /// <summary>
    /// IdentityModel's own lifetime check, on the application's clock instead of the machine's: the accepted-token cache
    /// (<see cref="AlgorithmRoutingTokenHandler"/>) and the check then agree on what "now" is. Same rules, same exceptions.
    /// </summary>
    private static LifetimeValidator Lifetime(TimeProvider clock) => (notBefore, expires, _, parameters) =>
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (expires is not { } expiry)
        {
            throw new SecurityTokenNoExpirationException("The token has no expiry (exp).");
        }

        if (notBefore > expiry)
        {
            throw new SecurityTokenInvalidLifetimeException(NotBeforeAfterExpiry) { NotBefore = notBefore, Expires = expiry };
        }

        if (notBefore > now + parameters.ClockSkew)
        {
            throw new SecurityTokenNotYetValidException("The token is not valid yet.") { NotBefore = notBefore.Value };
        }

        return expiry >= now - parameters.ClockSkew
            ? true
            : throw new SecurityTokenExpiredException("The token has expired.") { Expires = expiry };
    };
}
