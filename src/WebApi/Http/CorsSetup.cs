using Microsoft.Extensions.Options;

namespace TaskManager.WebApi.Http;

/// <summary>Cors:AllowedOrigins, the origins (the SPA's) whose pages may call the API from a browser.</summary>
public sealed class CorsSettings
{
    public const string Section = "Cors";

    /// <summary>Absolute http(s) origins, e.g. <c>https://app.example.com</c>. Empty: no origin is allowed.</summary>
    public IList<string> AllowedOrigins { get; init; } = [];
}

/// <summary>
/// CORS as the contract states it. The middleware answers preflights before authentication (a preflight carries no
/// token), and adds its headers to every response of an allowed origin as it starts, errors included, so the SPA can
/// read a 401 or a 412 problem and its headers.
/// </summary>
internal static class CorsSetup
{
    // The contract's headers, and those an MCP client sends to /mcp (its protocol revision; the method and tool it calls).
    public static readonly string[] AllowedHeaders =
    [
        "Authorization", "Content-Type", "If-Match", "If-None-Match", "Last-Event-ID", "Idempotency-Key",
        "Mcp-Protocol-Version", "Mcp-Method", "Mcp-Name",
    ];

    public static readonly string[] ExposedHeaders = ["ETag", "Location", "X-Total-Count", "Link", "Retry-After", "Idempotent-Replayed"];

    public static readonly string[] AllowedMethods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    // Browsers cap this themselves (Chromium at 2 hours); 10 minutes keeps a changed origin list from lingering.
    public static readonly TimeSpan PreflightMaxAge = TimeSpan.FromMinutes(10);

    public static IServiceCollection AddTaskManagerCors(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CorsSettings>().Bind(configuration.GetSection(CorsSettings.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CorsSettings>, Validator>();
        services.AddCors();
        services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>()
            .Configure<IOptions<CorsSettings>>((cors, settings) => cors.AddDefaultPolicy(policy => policy
                .WithOrigins([.. settings.Value.AllowedOrigins.Select(Normalize)])
                .WithMethods(AllowedMethods)
                .WithHeaders(AllowedHeaders)
                .WithExposedHeaders(ExposedHeaders)
                .SetPreflightMaxAge(PreflightMaxAge)));
        return services;
    }

    // What a browser sends as Origin: scheme://host[:port], lower case, no default port, no trailing slash.
    private static string Normalize(string origin) => new Uri(origin.Trim()).GetLeftPart(UriPartial.Authority);

    /// <summary>Refuses, at start-up, an origin list that would not mean what it says.</summary>
    private sealed class Validator : IValidateOptions<CorsSettings>
    {
        public ValidateOptionsResult Validate(string? name, CorsSettings options)
        {
            var refused = options.AllowedOrigins.Where(origin => !IsOrigin(origin)).ToList();
            return refused.Count == 0
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(
                    $"Cors:AllowedOrigins holds {string.Join(", ", refused.Select(o => $"'{o}'"))}: each entry must be an origin " +
                    "such as https://app.example.com (http or https, a host, an optional port, no path). '*' is not accepted: list the SPA's origins.");
        }

        private static bool IsOrigin(string origin) =>
            Uri.TryCreate(origin.Trim(), UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && uri.AbsolutePath == "/"
            && string.IsNullOrEmpty(uri.Query)
            && string.IsNullOrEmpty(uri.Fragment)
            && string.IsNullOrEmpty(uri.UserInfo)
            && !origin.Contains('*', StringComparison.Ordinal);
    }
}
