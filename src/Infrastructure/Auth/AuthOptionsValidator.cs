using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace TaskManager.Infrastructure.Auth;

/// <summary>Refuses to start with a secret that anyone could guess, and says exactly why.</summary>
internal sealed class AuthOptionsValidator(IHostEnvironment environment) : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        if (string.IsNullOrEmpty(options.Secret))
        {
            return ValidateOptionsResult.Fail(
                $"No token secret is configured: set {AuthOptions.SecretVariable} (or Auth:Secret) to a random value of at least {AuthOptions.MinimumSecretBytes} bytes, e.g. the output of `openssl rand -base64 48`.");
        }

        var bytes = Encoding.UTF8.GetByteCount(options.Secret);
        if (bytes < AuthOptions.MinimumSecretBytes)
        {
            return ValidateOptionsResult.Fail(
                $"{AuthOptions.SecretVariable} is {bytes} bytes long: HS256 needs at least {AuthOptions.MinimumSecretBytes}.");
        }

        if (options.Secret == AuthOptions.DevelopmentSecret && !environment.IsDevelopment())
        {
            return ValidateOptionsResult.Fail(
                $"{AuthOptions.SecretVariable} is the published development secret, which is refused outside Development (environment '{environment.EnvironmentName}'): set a secret of your own.");
        }

        if (options.ClockSkewSeconds is < 0 or > 300)
        {
            return ValidateOptionsResult.Fail("Auth:ClockSkewSeconds must be between 0 and 300.");
        }

        return ValidateOptionsResult.Success;
    }
}
