using System.Text;

namespace TaskManager.Infrastructure.Auth;

/// <summary>
/// Refuses to start with no way to check tokens, with a secret that anyone could guess, or (outside Development) with
/// keys fetched over plain HTTP from another host, and says exactly why.
/// </summary>
internal sealed class AuthOptionsValidator(IHostEnvironment environment) : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        if (!options.HasSecret && !options.HasAuthority)
        {
            return ValidateOptionsResult.Fail(
                $"No token secret is configured, and no Better Auth URL either: set {AuthOptions.AuthorityVariable} (or Auth:Authority) to Better Auth's base URL, e.g. http://localhost:3000, to accept the tokens its JWT plugin signs, "
                + $"and/or {AuthOptions.SecretVariable} (or Auth:Secret) to a random value of at least {AuthOptions.MinimumSecretBytes} bytes, e.g. the output of `openssl rand -base64 48`, to accept HS256 tokens.");
        }

        if (options.HasSecret && CheckSecret(options.Secret!) is { } secretProblem)
        {
            return ValidateOptionsResult.Fail(secretProblem);
        }

        if (options.HasAuthority && !IsHttpUrl(options.Authority))
        {
            return ValidateOptionsResult.Fail(
                $"{AuthOptions.AuthorityVariable} (or Auth:Authority) must be an absolute http(s) URL such as http://localhost:3000; got '{options.Authority}'.");
        }

        if (!string.IsNullOrEmpty(options.JwksUrl) && !IsHttpUrl(options.JwksUrl))
        {
            return ValidateOptionsResult.Fail($"Auth:JwksUrl must be an absolute http(s) URL; got '{options.JwksUrl}'.");
        }

        if (!string.IsNullOrEmpty(options.JwksUrl) && !options.HasAuthority)
        {
            return ValidateOptionsResult.Fail(
                $"Auth:JwksUrl is set but {AuthOptions.AuthorityVariable} (or Auth:Authority) is not: set it to Better Auth's base URL, which also gives the expected issuer and audience.");
        }

        if (CheckKeyTransport(options) is { } transportProblem)
        {
            return ValidateOptionsResult.Fail(transportProblem);
        }

        if (options.ClockSkewSeconds is < 0 or > 300)
        {
            return ValidateOptionsResult.Fail("Auth:ClockSkewSeconds must be between 0 and 300.");
        }

        return ValidateOptionsResult.Success;
    }

    private string? CheckSecret(string secret)
    {
        var bytes = Encoding.UTF8.GetByteCount(secret);
        if (bytes < AuthOptions.MinimumSecretBytes)
        {
            return $"{AuthOptions.SecretVariable} is {bytes} bytes long: HS256 needs at least {AuthOptions.MinimumSecretBytes}.";
        }

        if (secret == AuthOptions.DevelopmentSecret && !environment.IsDevelopment())
        {
            return $"{AuthOptions.SecretVariable} is the published development secret, which is refused outside Development (environment '{environment.EnvironmentName}'): set a secret of your own.";
        }

        return null;
    }

    private string? CheckKeyTransport(AuthOptions options)
    {
        var keys = options.JwksEndpoint();
        if (keys is null || keys.Scheme == Uri.UriSchemeHttps || keys.IsLoopback || options.AllowInsecureJwksUrl || environment.IsDevelopment())
        {
            return null;
        }

        var setting = string.IsNullOrEmpty(options.JwksUrl) ? $"{AuthOptions.AuthorityVariable} (or Auth:Authority)" : "Auth:JwksUrl";
        return $"Better Auth's keys would be fetched over plain HTTP from {keys} ({setting}), outside Development (environment '{environment.EnvironmentName}'): "
            + "anyone on the network path could substitute the keys and mint tokens. Use an https URL, or a loopback address, "
            + "or set Auth:AllowInsecureJwksUrl=true if the network between TaskManager and Better Auth is trusted.";
    }

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var url)
        && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(url.Host);
}
