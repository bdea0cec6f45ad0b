using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace TaskManager.Infrastructure.Auth;

public static class JwtAuthentication
{
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
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>>((jwt, auth) => Configure(jwt, auth.Value));
        return services;
    }

    /// <summary>The key and rules for HS256 tokens signed with the shared secret, as the original system issued them.</summary>
    public static TokenValidationParameters SharedSecretParameters(AuthOptions auth)
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
            ValidateIssuer = !string.IsNullOrEmpty(auth.Issuer),
            ValidIssuer = auth.Issuer,
            ValidateAudience = !string.IsNullOrEmpty(auth.Audience),
            ValidAudience = auth.Audience,
            NameClaimType = "sub",
        };
    }

    private static void Configure(JwtBearerOptions jwt, AuthOptions auth)
    {
        // Keep `sub` as `sub`: the subject is compared with the path's user id exactly.
        jwt.MapInboundClaims = false;
        jwt.TokenValidationParameters = SharedSecretParameters(auth);
        jwt.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                var subject = TokenSubject.Of(context.Principal);
                if (string.IsNullOrEmpty(subject))
                {
                    context.Fail("The token names no subject (sub or user_id).");
                }
                else if (subject.Length > TokenSubject.MaxLength)
                {
                    context.Fail($"The token's subject is longer than {TokenSubject.MaxLength} characters.");
                }

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
        SecurityTokenInvalidIssuerException => "The token's issuer is not accepted.",
        SecurityTokenInvalidAudienceException => "The token's audience is not accepted.",
        SecurityTokenInvalidAlgorithmException => "The token's signing algorithm is not accepted.",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "The token's signature is invalid.",
        SecurityTokenMalformedException => "The token is malformed.",
        AuthenticationFailureException => failure.Message,
        _ => "The token is invalid.",
    };
}
