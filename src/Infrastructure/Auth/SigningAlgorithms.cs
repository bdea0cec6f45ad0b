namespace TaskManager.Infrastructure.Auth;

/// <summary>
/// The explicit allow-list of token algorithms (RFC 8725 §3.1): HS256 for the shared secret, and for Better Auth's JWKS
/// each public-key algorithm with the one key type it may be used with. Names are case-sensitive (RFC 7515 §4.1.1).
/// </summary>
internal static class SigningAlgorithms
{
    /// <summary>The shared-secret algorithm; checked against <c>BETTER_AUTH_SECRET</c> and nothing else.</summary>
    public const string SharedSecret = "HS256";

    public const string EdDsa = "EdDSA";

    private static readonly Dictionary<string, KeyKind> JwksAlgorithms = new(StringComparer.Ordinal)
    {
        [EdDsa] = new("OKP", "Ed25519"),
        ["ES256"] = new("EC", "P-256"),
        ["ES512"] = new("EC", "P-521"),
        ["RS256"] = new("RSA", null),
        ["PS256"] = new("RSA", null),
    };

    /// <summary>The algorithms accepted for tokens signed with a key from the JWKS.</summary>
    public static IReadOnlyCollection<string> Jwks => JwksAlgorithms.Keys;

    public static bool IsJwksAlgorithm(string? algorithm) => algorithm is not null && JwksAlgorithms.ContainsKey(algorithm);

    /// <summary>The algorithms a key of type <paramref name="keyType"/> (and curve) may verify.</summary>
    public static string[] For(string keyType, string? curve) =>
    [
        .. JwksAlgorithms
            .Where(kind => kind.Value.KeyType == keyType && (kind.Value.Curve is null || kind.Value.Curve == curve))
            .Select(kind => kind.Key),
    ];

    private sealed record KeyKind(string KeyType, string? Curve);
}
