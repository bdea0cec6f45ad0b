using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TaskManager.Infrastructure.Auth;

/// <summary>Mints HS256 tokens with the configured secret, so that a developer can call the API a minute after cloning.</summary>
public static class DevelopmentTokens
{
    /// <exception cref="InvalidOperationException">No shared secret is configured (only a Better Auth URL), so there is nothing to sign with.</exception>
    public static string Create(AuthOptions auth, string userId, TimeSpan lifetime, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(auth);
        ArgumentNullException.ThrowIfNull(clock);
        if (!auth.HasSecret)
        {
            throw new InvalidOperationException(
                $"`token` signs HS256 tokens with {AuthOptions.SecretVariable}, and none is configured (only {AuthOptions.AuthorityVariable} is). "
                + $"Sign in through Better Auth and take a token from {auth.Authority?.TrimEnd('/')}/api/auth/token instead, or set {AuthOptions.SecretVariable}.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object> { ["sub"] = userId },
            IssuedAt = now,
            NotBefore = now,
            Expires = now.Add(lifetime),
            Issuer = string.IsNullOrEmpty(auth.Issuer) ? null : auth.Issuer,
            Audience = string.IsNullOrEmpty(auth.Audience) ? null : auth.Audience,
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(auth.Secret!)), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
