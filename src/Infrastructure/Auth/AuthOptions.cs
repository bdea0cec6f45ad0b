namespace TaskManager.Infrastructure.Auth;

public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>The original system's variable; it wins over <c>Auth:Secret</c> when both are set.</summary>
    public const string SecretVariable = "BETTER_AUTH_SECRET";

    /// <summary>Better Auth's own variable for its base URL; it wins over <c>Auth:Authority</c> when both are set.</summary>
    public const string AuthorityVariable = "BETTER_AUTH_URL";

    /// <summary>Where Better Auth's JWT plugin publishes its public keys, under its base URL.</summary>
    public const string DefaultJwksPath = "/api/auth/jwks";

    public const int MinimumSecretBytes = 32;

    /// <summary>Published in appsettings.Development.json: anyone can mint tokens with it, so no other environment accepts it.</summary>
    public const string DevelopmentSecret = "dev-only-insecure-secret-do-not-use-in-production-0123456789";

    /// <summary>The HS256 shared secret (Better Auth's <c>BETTER_AUTH_SECRET</c>). Optional when <see cref="Authority"/> is set.</summary>
    public string? Secret { get; set; }

    /// <summary>Better Auth's base URL (<c>BETTER_AUTH_URL</c>), e.g. <c>http://localhost:3000</c>: turns on tokens signed with its published keys.</summary>
    public string? Authority { get; set; }

    /// <summary>Overrides where the keys are fetched from; defaults to <see cref="DefaultJwksPath"/> on <see cref="Authority"/>.</summary>
    public string? JwksUrl { get; set; }

    /// <summary>When set, tokens must carry this issuer. For Better Auth tokens it defaults to the origin of <see cref="Authority"/>.</summary>
    public string? Issuer { get; set; }

    /// <summary>When set, tokens must carry this audience. For Better Auth tokens it defaults to the origin of <see cref="Authority"/>.</summary>
    public string? Audience { get; set; }

    public int ClockSkewSeconds { get; set; } = 30;

    /// <summary>
    /// Lets the keys be fetched over plain HTTP from a host that is not loopback, outside Development: only for a
    /// trusted internal network, since anyone on the path could substitute keys and mint tokens.
    /// </summary>
    public bool AllowInsecureJwksUrl { get; set; }

    public bool HasSecret => !string.IsNullOrEmpty(Secret);

    public bool HasAuthority => !string.IsNullOrEmpty(Authority);

    /// <summary>The JWKS endpoint, or null when Better Auth tokens are off.</summary>
    public Uri? JwksEndpoint()
    {
        if (!string.IsNullOrEmpty(JwksUrl))
        {
            return new Uri(JwksUrl, UriKind.Absolute);
        }

        return AuthorityOrigin() is { } origin ? new Uri(origin + DefaultJwksPath, UriKind.Absolute) : null;
    }

    /// <summary>The issuer Better Auth tokens must carry: <see cref="Issuer"/>, else what Better Auth sets, the origin of its URL.</summary>
    public string? JwksIssuer() => string.IsNullOrEmpty(Issuer) ? AuthorityOrigin() : Issuer;

    /// <summary>The audience Better Auth tokens must carry: <see cref="Audience"/>, else what Better Auth sets, the origin of its URL.</summary>
    public string? JwksAudience() => string.IsNullOrEmpty(Audience) ? AuthorityOrigin() : Audience;

    // Better Auth sets iss and aud to `new URL(baseURL).origin`: scheme, host and non-default port, no path, no trailing slash.
    private string? AuthorityOrigin() =>
        HasAuthority && Uri.TryCreate(Authority, UriKind.Absolute, out var url) ? url.GetLeftPart(UriPartial.Authority) : null;
}
