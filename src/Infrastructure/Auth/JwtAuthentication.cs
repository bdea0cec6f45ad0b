using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TaskManager.Infrastructure.Auth;

public static partial class JwtAuthentication
{
    public static IServiceCollection AddJwtAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>()
            .Bind(configuration.GetSection(AuthOptions.Section))
            .PostConfigure(options =>
            {
                // Better Auth's own variables win over Auth:Secret and Auth:Authority.
                options.Secret = NonEmpty(configuration[AuthOptions.SecretVariable]) ?? options.Secret;
                options.Authority = NonEmpty(configuration[AuthOptions.AuthorityVariable]) ?? options.Authority;
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

    /// <summary>
    /// Says which tokens are accepted, and warns when the published dev secret is in use. The JWKS is not fetched here:
    /// the service starts even while Better Auth is down.
    /// </summary>
    public static void LogAcceptedTokens(this IServiceProvider services)
    {
        var auth = services.GetRequiredService<IOptions<AuthOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(JwtAuthentication));
        if (auth.HasSecret)
        {
            LogSharedSecret(logger);
        }

        if (auth.JwksEndpoint() is { } jwks)
        {
            var issuer = auth.JwksIssuer();
            var audience = auth.JwksAudience();
            LogJwks(logger, SigningAlgorithms.Jwks, jwks, issuer, audience);
        }

        if (auth.Secret == AuthOptions.DevelopmentSecret)
        {
            LogDevelopmentSecret(logger);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Accepting HS256 tokens signed with the shared secret")]
    private static partial void LogSharedSecret(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Accepting {Algorithms} tokens signed with the keys at {Endpoint}, issued by {Issuer} for {Audience}")]
    private static partial void LogJwks(ILogger logger, IEnumerable<string> algorithms, Uri endpoint, string? issuer, string? audience);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Tokens are checked with the published development secret: anyone can mint them. Set BETTER_AUTH_SECRET outside local development.")]
    private static partial void LogDevelopmentSecret(ILogger logger);

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
                if (TokenSubject.Remember(context.HttpContext, context.Principal, lapsed: false) is { } problem)
                {
                    context.Fail(problem);
                }

                return Task.CompletedTask;
            },
            OnAuthenticationFailed = context =>
            {
                // Refused only for its lifetime, which is checked after the signature: the token was parsed and its
                // signature checked moments ago.
                if (context.Exception is SecurityTokenExpiredException or SecurityTokenNotYetValidException
                    && BearerToken(context.Request) is { } token)
                {
                    var claims = new ClaimsPrincipal(new ClaimsIdentity(new JsonWebToken(token).Claims));
                    TokenSubject.Remember(context.HttpContext, claims, lapsed: true);
                }

                return Task.CompletedTask;
            },
            OnChallenge = WriteChallengeAsync,
        };
    }

    private static async Task WriteChallengeAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var tokenSent = context.AuthenticateFailure is not null || BearerToken(context.Request) is not null;
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

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    // The token as JwtBearerHandler reads it from the Authorization header; null when another scheme or none is sent.
    private static string? BearerToken(HttpRequest request)
    {
        const string scheme = "Bearer ";
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? authorization[scheme.Length..].Trim() : null;
    }

    // Says what was wrong without echoing the token or the library's internals.
    private static string Describe(Exception? failure) => failure switch
    {
        SecurityTokenExpiredException => "The token has expired.",
        SecurityTokenNotYetValidException => "The token is not valid yet.",
        SecurityTokenNoExpirationException => "The token has no expiry (exp).",
        SecurityTokenInvalidLifetimeException => TokenRules.NotBeforeAfterExpiry,
        SecurityTokenInvalidIssuerException => "The token's issuer is not accepted.",
        SecurityTokenInvalidAudienceException => "The token's audience is not accepted.",
        SecurityTokenInvalidAlgorithmException => "The token's signing algorithm is not accepted.",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "The token's signature is invalid.",
        SecurityTokenMalformedException => "The token is malformed.",
        TokenRejectedException or AuthenticationFailureException => failure.Message,
        _ => "The token is invalid.",
    };
}
