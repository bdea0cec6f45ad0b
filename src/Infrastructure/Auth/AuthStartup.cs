using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TaskManager.Infrastructure.Auth;

public static partial class AuthStartup
{
    /// <summary>Throws, with the reason, when the token settings are refused; warns when the published dev secret is in use.</summary>
    public static void CheckAuthConfiguration(this IServiceProvider services)
    {
        var auth = services.GetRequiredService<IOptions<AuthOptions>>().Value;
        if (auth.Secret == AuthOptions.DevelopmentSecret)
        {
            LogDevelopmentSecret(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AuthStartup)));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Tokens are checked with the published development secret: anyone can mint them. Set BETTER_AUTH_SECRET outside local development.")]
    private static partial void LogDevelopmentSecret(ILogger logger);
}
