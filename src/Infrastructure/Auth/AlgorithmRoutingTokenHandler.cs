using System.Buffers.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TaskManager.Infrastructure.Auth;

/// <summary>
/// Sends each token to the one key set its <c>alg</c> belongs to, so that a key of one kind can never verify a token of
/// the other (algorithm confusion, RFC 8725 §2.1): HS256 is checked against the shared secret only; EdDSA, ES256,
/// ES512, RS256 and PS256 against the JWKS key named by <c>kid</c> only, and only when that key's type fits the alg.
/// Everything else is refused. The scheme's own <see cref="TokenValidationParameters"/> are not used: each route
/// carries its own (see <see cref="JwtAuthentication.SharedSecretParameters"/>).
/// </summary>
/// <remarks>
/// Routing happens here rather than in an <c>IssuerSigningKeyResolver</c> because that delegate is synchronous, while a
/// token naming a kid the cache has not seen must wait for the (rate-limited) refetch to be accepted on its first try.
/// </remarks>
internal sealed class AlgorithmRoutingTokenHandler : JsonWebTokenHandler
{
    /// <summary>RFC 8725 §3.11 asks for limits on what is parsed; Better Auth's tokens are well under 2 KB.</summary>
    public const int MaxTokenLength = 8 * 1024;

    private readonly TokenValidationParameters? _sharedSecret;
    private readonly TokenValidationParameters? _jwks;
    private readonly JwksKeySource _keys;

    public AlgorithmRoutingTokenHandler(IOptions<AuthOptions> options, JwksKeySource keys)
    {
        ArgumentNullException.ThrowIfNull(options);
        var auth = options.Value;
        _sharedSecret = auth.HasSecret ? JwtAuthentication.SharedSecretParameters(auth) : null;
        _jwks = auth.HasAuthority ? JwtAuthentication.JwksParameters(auth) : null;
        _keys = keys;
        MapInboundClaims = false;
        MaximumTokenSizeInBytes = MaxTokenLength;
    }

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        if (string.IsNullOrEmpty(token))
        {
            return Refused(new SecurityTokenMalformedException("The token is empty."));
        }

        if (token.Length > MaxTokenLength)
        {
            return Refused(new TokenRejectedException($"The token is larger than {MaxTokenLength / 1024} KB."));
        }

        JsonWebToken jwt;
        try
        {
            jwt = ReadJsonWebToken(token);
        }
        catch (Exception e) when (e is SecurityTokenMalformedException or ArgumentException)
        {
            return Refused(new SecurityTokenMalformedException("The token is not a well-formed JWT.", e));
        }

        // Extensions named in crit must be understood (RFC 7515 §4.1.11); this service understands none.
        if (HasCriticalHeader(jwt))
        {
            return Refused(new TokenRejectedException("The token marks header parameters as critical (crit), which are not supported."));
        }

        var algorithm = jwt.Alg;
        if (algorithm == SigningAlgorithms.SharedSecret && _sharedSecret is not null)
        {
            return await base.ValidateTokenAsync(jwt, _sharedSecret);
        }

        if (SigningAlgorithms.IsJwksAlgorithm(algorithm) && _jwks is not null)
        {
            return await ValidateWithJwksAsync(jwt, algorithm, _jwks);
        }

        return Refused(new SecurityTokenInvalidAlgorithmException("The token's signing algorithm is not accepted."));
    }

    private async Task<TokenValidationResult> ValidateWithJwksAsync(JsonWebToken jwt, string algorithm, TokenValidationParameters jwks)
    {
        if (string.IsNullOrEmpty(jwt.Kid))
        {
            return Refused(new TokenRejectedException("The token names no signing key (kid)."));
        }

        var key = await _keys.FindAsync(jwt.Kid);
        if (key is null)
        {
            return Refused(new TokenRejectedException("The token's signing key (kid) is not one that Better Auth publishes."));
        }

        if (!key.Fits(algorithm))
        {
            return Refused(new TokenRejectedException("The token's signing algorithm does not fit its key (kid)."));
        }

        var parameters = jwks.Clone();
        parameters.IssuerSigningKey = key.SecurityKey;
        parameters.ValidAlgorithms = [algorithm];
        return await base.ValidateTokenAsync(jwt, parameters);
    }

    private static bool HasCriticalHeader(JsonWebToken jwt)
    {
        try
        {
            using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(jwt.EncodedHeader));
            return header.RootElement.ValueKind != JsonValueKind.Object || header.RootElement.TryGetProperty("crit", out _);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return true;
        }
    }

    private static TokenValidationResult Refused(Exception reason) => new() { IsValid = false, Exception = reason };
}
