using Microsoft.IdentityModel.Tokens;

namespace TaskManager.Infrastructure.Auth;

/// <summary>A usable public key from the JWKS, with what it may be used for.</summary>
/// <param name="Id">Its <c>kid</c>.</param>
/// <param name="KeyType">Its <c>kty</c>: <c>OKP</c>, <c>EC</c> or <c>RSA</c>.</param>
/// <param name="Curve">Its <c>crv</c>, for OKP and EC keys.</param>
/// <param name="Algorithm">Its <c>alg</c> when the JWKS pins one (Better Auth always does).</param>
/// <param name="SecurityKey">The key the token handler verifies with.</param>
internal sealed record JwksKey(string Id, string KeyType, string? Curve, string? Algorithm, SecurityKey SecurityKey)
{
    /// <summary>Whether this key may verify a token signed with <paramref name="algorithm"/>: right type and curve, and the pinned alg if any.</summary>
    public bool Fits(string algorithm) =>
        SigningAlgorithms.Fits(algorithm, KeyType, Curve)
        && (Algorithm is null || string.Equals(Algorithm, algorithm, StringComparison.Ordinal));
}
