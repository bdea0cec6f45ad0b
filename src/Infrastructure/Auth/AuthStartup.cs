using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TaskManager.Infrastructure.Auth;

public static partial class AuthStartup
{
    /// <summary>
    /// Throws, with the reason, when the token settings are refused; says which tokens are accepted; warns when the
    /// published dev secret is in use. The JWKS is not fetched here: the service starts even while Better Auth is down.
    /// </summary>
    public static void CheckAuthConfiguration(this IServiceProvider services)
    {
        var auth = services.GetRequiredService<IOptions<AuthOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AuthStartup));
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
}
