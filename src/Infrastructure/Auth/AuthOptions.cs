namespace TaskManager.Infrastructure.Auth;

public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>The original system's variable; it wins over <c>Auth:Secret</c> when both are set.</summary>
    public const string SecretVariable = "BETTER_AUTH_SECRET";

    public const int MinimumSecretBytes = 32;

    /// <summary>Published in appsettings.Development.json: anyone can mint tokens with it, so no other environment accepts it.</summary>
    public const string DevelopmentSecret = "dev-only-insecure-secret-do-not-use-in-production-0123456789";

    /// <summary>The HS256 shared secret (Better Auth's <c>BETTER_AUTH_SECRET</c>).</summary>
    public string? Secret { get; set; }

    /// <summary>When set, tokens must carry this issuer.</summary>
    public string? Issuer { get; set; }

    /// <summary>When set, tokens must carry this audience.</summary>
    public string? Audience { get; set; }

    public int ClockSkewSeconds { get; set; } = 30;
}
