using Microsoft.IdentityModel.Tokens;

namespace TaskManager.Infrastructure.Auth;

/// <summary>A token refused before its signature is checked; the message is safe to show the caller (it never echoes the token).</summary>
internal sealed class TokenRejectedException(string message) : SecurityTokenValidationException(message);
