using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace TaskManager.IntegrationTests.Infrastructure;

/// <summary>
/// Tokens shaped like the ones Better Auth's JWT plugin issues (header <c>{alg, kid}</c>; the user object as payload
/// plus <c>sub</c>, <c>iat</c>, <c>exp</c> 15 minutes on, <c>iss</c> and <c>aud</c> = the origin of BETTER_AUTH_URL),
/// assembled and signed by hand, so that any field can be broken on purpose.
/// </summary>
public static class BetterAuthTokens
{
    public static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    /// <summary>Better Auth's default payload for <paramref name="userId"/>.</summary>
    public static Dictionary<string, object?> Claims(string issuer, string userId) => new()
    {
        ["name"] = "Ada Lovelace",
        ["email"] = "ada@example.com",
        ["emailVerified"] = false,
        ["image"] = null,
        ["createdAt"] = "2026-11-20T09:00:00.000Z",
        ["updatedAt"] = "2026-11-20T09:00:00.000Z",
        ["id"] = userId,
        ["iat"] = Now,
        ["sub"] = userId,
        ["exp"] = Now + 15 * 60,
        ["iss"] = issuer,
        ["aud"] = issuer,
    };

    /// <summary>A token for <paramref name="userId"/> signed with <paramref name="key"/>, as Better Auth would issue it.</summary>
    public static string Issue(TestKey key, string issuer, string userId, Action<Dictionary<string, object?>>? claims = null)
    {
        var payload = Claims(issuer, userId);
        claims?.Invoke(payload);
        return Sign(key, payload);
    }

    /// <summary>Signs <paramref name="payload"/> with <paramref name="key"/>; the header and algorithm can be overridden.</summary>
    public static string Sign(
        TestKey key, IDictionary<string, object?> payload, string? alg = null, Action<Dictionary<string, object?>>? header = null)
    {
        var algorithm = alg ?? key.Algorithm;
        var protectedHeader = new Dictionary<string, object?> { ["alg"] = algorithm, ["kid"] = key.Kid };
        header?.Invoke(protectedHeader);
        return Assemble(protectedHeader, payload, input => key.Sign(input, algorithm));
    }

    /// <summary>An HS256 token whose HMAC key is <paramref name="secret"/>, with any header.</summary>
    public static string Hmac(byte[] secret, IDictionary<string, object?> payload, Action<Dictionary<string, object?>>? header = null)
    {
        var protectedHeader = new Dictionary<string, object?> { ["alg"] = "HS256" };
        header?.Invoke(protectedHeader);
        return Assemble(protectedHeader, payload, input => HMACSHA256.HashData(secret, input));
    }

    public static string Assemble(IDictionary<string, object?> header, IDictionary<string, object?> payload, Func<byte[], byte[]> sign)
    {
        ArgumentNullException.ThrowIfNull(sign);
        var signingInput = $"{Encode(header)}.{Encode(payload)}";
        return $"{signingInput}.{Tokens.Encode(sign(Encoding.ASCII.GetBytes(signingInput)))}";
    }

    /// <summary>The same token with its signature replaced.</summary>
    public static string WithSignature(string token, byte[] signature) =>
        $"{token[..token.LastIndexOf('.')]}.{Tokens.Encode(signature)}";

    public static byte[] SignatureOf(string token) => Convert.FromBase64String(Pad(token[(token.LastIndexOf('.') + 1)..]));

    private static string Encode(IDictionary<string, object?> json) => Tokens.Encode(JsonSerializer.SerializeToUtf8Bytes(json));

    private static string Pad(string base64Url)
    {
        var text = base64Url.Replace('-', '+').Replace('_', '/');
        return text + new string('=', (4 - text.Length % 4) % 4);
    }
}
