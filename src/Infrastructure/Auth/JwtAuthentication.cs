using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace TaskManager.Infrastructure.Auth;

public static class JwtAuthentication
{
    private const string NotBeforeAfterExpiry = "The token's nbf is after its exp.";

    public static IServiceCollection AddJwtAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>()
            .Bind(configuration.GetSection(AuthOptions.Section))
            .PostConfigure(options =>
            {
                var secret = configuration[AuthOptions.SecretVariable];
                if (!string.IsNullOrEmpty(secret))
                {
                    options.Secret = secret;
                }

                var authority = configuration[AuthOptions.AuthorityVariable];
                if (!string.IsNullOrEmpty(authority))
                {
                    options.Authority = authority;
                }
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();

        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(JwksKeySource.HttpClientName, client =>
        {
            client.Timeout = JwksKeySource.FetchTimeout;
            client.MaxResponseContentBufferSize = JwksKeySource.MaxResponseBytes;
        });
        services.AddSingleton<JwksKeySource>();
        services.AddSingleton<AlgorithmRoutingTokenHandler>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<AlgorithmRoutingTokenHandler>(Configure);
        return services;
    }

    /// <summary>The key and rules for HS256 tokens signed with the shared secret, as the original system issued them.</summary>
    public static TokenValidationParameters SharedSecretParameters(AuthOptions auth, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(auth);
        return new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(auth.Secret!)),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = TimeSpan.FromSeconds(auth.ClockSkewSeconds),
            LifetimeValidator = Lifetime(clock),
            ValidateIssuer = !string.IsNullOrEmpty(auth.Issuer),
            ValidIssuer = auth.Issuer,
            ValidateAudience = !string.IsNullOrEmpty(auth.Audience),
            ValidAudience = auth.Audience,
            NameClaimType = "sub",
        };
    }

    /// <summary>
    /// The rules for tokens signed with a key Better Auth publishes: issuer and audience are always checked, by default
    /// against the origin of <c>BETTER_AUTH_URL</c> as Better Auth sets them. The key and alg are set per token.
    /// </summary>
    public static TokenValidationParameters JwksParameters(AuthOptions auth, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(auth);
        return new TokenValidationParameters
        {
            ValidAlgorithms = SigningAlgorithms.Jwks,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = TimeSpan.FromSeconds(auth.ClockSkewSeconds),
            LifetimeValidator = Lifetime(clock),
            ValidateIssuer = true,
            ValidIssuer = auth.JwksIssuer(),
            ValidateAudience = true,
            ValidAudience = auth.JwksAudience(),
            // Only the key named by kid: never "try every key" when the kid matches none.
            TryAllIssuerSigningKeys = false,
            NameClaimType = "sub",
        };
    }

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

    private static void Configure(JwtBearerOptions jwt, AlgorithmRoutingTokenHandler handler)
    {
        // Keep `sub` as `sub`: the subject is compared with the path's user id exactly.
        jwt.MapInboundClaims = false;
        jwt.TokenHandlers.Clear();
        jwt.TokenHandlers.Add(handler);
        jwt.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                var subject = TokenSubject.Read(context.Principal);
                if (TokenSubject.Problem(subject) is { } problem)
                {
                    context.Fail(problem);
                }
                else
                {
                    TokenSubject.Remember(context.HttpContext, subject!); // Problem is null only for a usable subject
                }

                return Task.CompletedTask;
            },
            OnAuthenticationFailed = context =>
            {
                LapsedTokens.Remember(context);
                return Task.CompletedTask;
            },
            OnChallenge = WriteChallengeAsync,
        };
    }

    private static async Task WriteChallengeAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var tokenSent = context.AuthenticateFailure is not null
            || context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
        var detail = tokenSent ? Describe(context.AuthenticateFailure) : "A bearer token is required in the Authorization header.";
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = tokenSent
            ? $"Bearer error=\"invalid_token\", error_description=\"{detail}\""
            : "Bearer";
        var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context.HttpContext,
            ProblemDetails = new ProblemDetails { Status = StatusCodes.Status401Unauthorized, Detail = detail },
        });
    }

    // Says what was wrong without echoing the token or the library's internals.
    private static string Describe(Exception? failure) => failure switch
    {
        SecurityTokenExpiredException => "The token has expired.",
        SecurityTokenNotYetValidException => "The token is not valid yet.",
        SecurityTokenNoExpirationException => "The token has no expiry (exp).",
        SecurityTokenInvalidLifetimeException => NotBeforeAfterExpiry,
        SecurityTokenInvalidIssuerException => "The token's issuer is not accepted.",
        SecurityTokenInvalidAudienceException => "The token's audience is not accepted.",
        SecurityTokenInvalidAlgorithmException => "The token's signing algorithm is not accepted.",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "The token's signature is invalid.",
        SecurityTokenMalformedException => "The token is malformed.",
        TokenRejectedException or AuthenticationFailureException => failure.Message,
        _ => "The token is invalid.",
    };
}
