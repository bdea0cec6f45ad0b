using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TaskManager.Infrastructure.Auth;

/// <summary>
/// Sends each token to the one key set its <c>alg</c> belongs to, so that a key of one kind can never verify a token of
/// the other (algorithm confusion, RFC 8725 §2.1): HS256 is checked against the shared secret only; EdDSA, ES256,
/// ES512, RS256 and PS256 against the JWKS key named by <c>kid</c> only, and only when that key's type fits the alg.
/// Everything else is refused. The scheme's own <see cref="TokenValidationParameters"/> are not used: each route
/// carries its own.
/// </summary>
/// <remarks>
/// Routing happens here rather than in an <c>IssuerSigningKeyResolver</c> because that delegate is synchronous, while a
/// token naming a kid the cache has not seen must wait for the (rate-limited) refetch to be accepted on its first try.
/// <para>
/// A token that passed every check is remembered for <see cref="RememberFor"/> at most, never past its expiry (with
/// the clock skew, as the lifetime check allows it): a client sends the same token with every request, and checking it
/// again each time was a tenth of a request's cost. A key Better Auth withdraws is already trusted until the next JWKS
/// refresh; this adds at most a minute to that.
/// </para>
/// </remarks>
internal sealed class AlgorithmRoutingTokenHandler : JsonWebTokenHandler, IDisposable
{
    /// <summary>RFC 8725 §3.11 asks for limits on what is parsed; Better Auth's tokens are well under 2 KB.</summary>
    public const int MaxTokenLength = 8 * 1024;

    public static readonly TimeSpan RememberFor = TimeSpan.FromMinutes(1);

    /// <summary>Tokens remembered at most; a full cache makes room by evicting, a new token is then checked in full.</summary>
    public const int RememberedTokens = 4096;

    private readonly TokenValidationParameters? _sharedSecret;
    private readonly TokenValidationParameters? _jwks;
    private readonly JwksKeySource _keys;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _clockSkew;
    private readonly MemoryCache _accepted = new(new MemoryCacheOptions { SizeLimit = RememberedTokens });

    public AlgorithmRoutingTokenHandler(IOptions<AuthOptions> options, JwksKeySource keys, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        var auth = options.Value;
        _keys = keys;
        _clock = clock;
        _clockSkew = TimeSpan.FromSeconds(auth.ClockSkewSeconds);
        MapInboundClaims = false;
        MaximumTokenSizeInBytes = MaxTokenLength;
        if (auth.HasSecret)
        {
            // As the original system issued them: issuer and audience are checked only when configured.
            _sharedSecret = TokenRules.For(auth.Issuer, auth.Audience, _clockSkew, clock);
            _sharedSecret.IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(auth.Secret!));
            _sharedSecret.ValidAlgorithms = [SigningAlgorithms.SharedSecret];
        }

        if (auth.HasAuthority)
        {
            // Issuer and audience are always checked, by default against the origin of BETTER_AUTH_URL as Better Auth
            // sets them. The key and alg are set per token: never "try every key" when the kid matches none.
            _jwks = TokenRules.For(auth.JwksIssuer(), auth.JwksAudience(), _clockSkew, clock);
            _jwks.ValidateIssuer = _jwks.ValidateAudience = true;
            _jwks.TryAllIssuerSigningKeys = false;
        }
    }

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var now = _clock.GetUtcNow();
        if (_accepted.TryGetValue(token, out Accepted? remembered) && now < remembered!.Until)
        {
            return remembered.Result;
        }

        var result = await ValidateUncachedAsync(token);
        if (result.IsValid)
        {
            // Computed as a span from now: exp plus the skew can lie past DateTime.MaxValue (exp 253402300799 does).
            var left = result.SecurityToken.ValidTo - now.UtcDateTime + _clockSkew;
            var until = now + (left < RememberFor ? left : RememberFor);
            _accepted.Set(token, new Accepted(result, until), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = until });
        }

        return result;
    }

    private async Task<TokenValidationResult> ValidateUncachedAsync(string token)
    {
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
        if (jwt.TryGetHeaderValue<object>("crit", out _))
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

        if (!key.Algorithms.Contains(algorithm))
        {
            return Refused(new TokenRejectedException("The token's signing algorithm does not fit its key (kid)."));
        }

        var parameters = jwks.Clone();
        parameters.IssuerSigningKey = key.SecurityKey;
        parameters.ValidAlgorithms = [algorithm];
        return await base.ValidateTokenAsync(jwt, parameters);
    }

    private static TokenValidationResult Refused(Exception reason) => new() { IsValid = false, Exception = reason };

    public void Dispose() => _accepted.Dispose();

    private sealed record Accepted(TokenValidationResult Result, DateTimeOffset Until);
}
