using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace TaskManager.IntegrationTests.Infrastructure;

/// <summary>
/// Hand-made JWTs, independent of the library the API validates with, so that a test can build any token,
/// including the broken and hostile ones.
/// </summary>
public static class Tokens
{
    public static string Valid(string subject) =>
        Sign(new Dictionary<string, object> { ["sub"] = subject, ["exp"] = Expiry(TimeSpan.FromMinutes(15)) });

    public static long Expiry(TimeSpan fromNow) => DateTimeOffset.UtcNow.Add(fromNow).ToUnixTimeSeconds();

    /// <summary>An HS256 token over <paramref name="claims"/>.</summary>
    public static string Sign(IDictionary<string, object> claims, string secret = TaskManagerApiFactory.Secret, string alg = "HS256")
    {
        var header = Encode(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["alg"] = alg, ["typ"] = "JWT" }));
        var payload = Encode(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signingInput = $"{header}.{payload}";
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(signingInput));
        return $"{signingInput}.{Encode(signature)}";
    }

    /// <summary>An unsigned token (<c>alg: none</c>).</summary>
    public static string Unsigned(string subject)
    {
        var header = Encode(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["alg"] = "none", ["typ"] = "JWT" }));
        var payload = Encode(JsonSerializer.SerializeToUtf8Bytes(
            new Dictionary<string, object> { ["sub"] = subject, ["exp"] = Expiry(TimeSpan.FromMinutes(15)) }));
        return $"{header}.{payload}.";
    }

    public static string Encode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
