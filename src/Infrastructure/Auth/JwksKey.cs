using Microsoft.IdentityModel.Tokens;

namespace TaskManager.Infrastructure.Auth;

/// <summary>A usable public key from the JWKS, with what it may verify.</summary>
/// <param name="SecurityKey">The key the token handler verifies with.</param>
/// <param name="Algorithms">The JWK's pinned <c>alg</c> (Better Auth always pins one), else every alg that fits its type and curve.</param>
internal sealed record JwksKey(SecurityKey SecurityKey, IReadOnlyCollection<string> Algorithms);
