using Microsoft.IdentityModel.Tokens;

namespace TaskManager.Infrastructure.Auth;

/// <summary>A token refused before its signature is checked; the message is safe to show the caller (it never echoes the token).</summary>
public sealed class TokenRejectedException : SecurityTokenValidationException
{
    public TokenRejectedException()
    {
    }

    public TokenRejectedException(string message)
        : base(message)
    {
    }

    public TokenRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
