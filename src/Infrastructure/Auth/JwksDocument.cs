using System.Buffers.Text;
using System.Numerics;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace TaskManager.Infrastructure.Auth;

/// <summary>
/// Reads a JWKS (RFC 7517) strictly: a key is kept only when it is a public signing key of a type in
/// <see cref="SigningAlgorithms"/>, with a <c>kid</c> and well-formed material; every other key is reported and skipped.
/// </summary>
internal static class JwksDocument
{
    public const int MinimumRsaBits = 2048;
    public const int MaximumRsaBits = 8192;

    /// <summary>The usable keys by kid and why each other one was skipped; <see cref="Error"/> when the whole document is unusable.</summary>
    internal sealed record Result(IReadOnlyDictionary<string, JwksKey> Keys, IReadOnlyList<string> Skipped, string? Error);

    public static Result Read(byte[] json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16, AllowDuplicateProperties = false });
        }
        catch (JsonException)
        {
            return Unusable("the response is not JSON");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("keys", out var keys)
                || keys.ValueKind != JsonValueKind.Array)
            {
                return Unusable("the response is not a JWKS (an object with a \"keys\" array)");
            }

            var usable = new Dictionary<string, JwksKey>(StringComparer.Ordinal);
            var skipped = new List<string>();
            var index = 0;
            foreach (var element in keys.EnumerateArray())
            {
                var name = element.ValueKind == JsonValueKind.Object && String(element, "kid") is { } kid ? $"'{kid}'" : $"#{index}";
                try
                {
                    var key = ReadKey(element);
                    if (!usable.TryAdd(key.SecurityKey.KeyId, key))
                    {
                        skipped.Add($"key {name}: another key has the same kid");
                    }
                }
                catch (Exception e) when (e is FormatException or CryptographicException)
                {
                    skipped.Add($"key {name}: {e.Message}");
                }

                index++;
            }

            return new Result(usable, skipped, usable.Count == 0 ? "it holds no usable key" : null);
        }
    }

    private static Result Unusable(string error) => new(new Dictionary<string, JwksKey>(), [], error);

    // Throws a FormatException (a CryptographicException for a point off its curve) that says why the key is unusable.
    private static JwksKey ReadKey(JsonElement jwk)
    {
        if (jwk.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("not a JSON object");
        }

        var kid = String(jwk, "kid");
        var kty = String(jwk, "kty");
        var crv = String(jwk, "crv");
        var alg = String(jwk, "alg");
        var use = String(jwk, "use");
        if (string.IsNullOrEmpty(kid))
        {
            throw new FormatException("no kid, so no token can name it");
        }

        if (use is not null && use != "sig")
        {
            throw new FormatException($"its use is '{use}', not 'sig'");
        }

        if (jwk.TryGetProperty("key_ops", out var ops)
            && (ops.ValueKind != JsonValueKind.Array || !ops.EnumerateArray().Any(op => op.ValueKind == JsonValueKind.String && op.GetString() == "verify")))
        {
            throw new FormatException("its key_ops do not include 'verify'");
        }

        if (alg is not null && !SigningAlgorithms.IsJwksAlgorithm(alg))
        {
            throw new FormatException($"its alg '{alg}' is not accepted");
        }

        if (alg is not null && kty is not null && !SigningAlgorithms.For(kty, crv).Contains(alg))
        {
            throw new FormatException($"its alg '{alg}' does not fit its kty '{kty}'{(crv is null ? "" : $" and crv '{crv}'")}");
        }

        SecurityKey key = kty switch
        {
            "OKP" when crv == "Ed25519" => new Ed25519SecurityKey(Bytes(jwk, "x", 32)),
            "EC" when crv == "P-256" => EcKey(ECCurve.NamedCurves.nistP256, Bytes(jwk, "x", 32), Bytes(jwk, "y", 32)),
            "EC" when crv == "P-521" => EcKey(ECCurve.NamedCurves.nistP521, Bytes(jwk, "x", 66), Bytes(jwk, "y", 66)),
            "RSA" => RsaKey(Bytes(jwk, "n"), Bytes(jwk, "e")),
            // Never "oct": a symmetric key from a JWKS would let anyone who reads it mint tokens.
            _ => throw new FormatException($"kty '{kty}'{(crv is null ? "" : $" with crv '{crv}'")} is not an accepted public key type"),
        };
        key.KeyId = kid;
        return new JwksKey(key, alg is null ? SigningAlgorithms.For(kty!, crv) : [alg]);
    }

    private static ECDsaSecurityKey EcKey(ECCurve curve, byte[] x, byte[] y)
    {
        // Importing checks that the point is on the curve.
        var ecdsa = ECDsa.Create(new ECParameters { Curve = curve, Q = new ECPoint { X = x, Y = y } });
        return new ECDsaSecurityKey(ecdsa);
    }

    private static RsaSecurityKey RsaKey(byte[] modulus, byte[] exponent)
    {
        var bits = (long)modulus.SkipWhile(b => b == 0).Count() * 8;
        if (bits is < MinimumRsaBits or > MaximumRsaBits)
        {
            throw new FormatException($"its RSA modulus has about {bits} bits; {MinimumRsaBits} to {MaximumRsaBits} are accepted");
        }

        // An exponent of 1 makes any "signature" verify; an even one is not RSA.
        var e = new BigInteger(exponent, isUnsigned: true, isBigEndian: true);
        if (e < 3 || e.IsEven || exponent.Length > 8)
        {
            throw new FormatException("its RSA exponent is not usable");
        }

        var rsa = RSA.Create();
        rsa.ImportParameters(new RSAParameters { Modulus = modulus, Exponent = exponent });
        return new RsaSecurityKey(rsa);
    }

    private static string? String(JsonElement jwk, string name) =>
        jwk.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static byte[] Bytes(JsonElement jwk, string name, int? length = null)
    {
        var text = String(jwk, name) ?? throw new FormatException($"'{name}' is missing");
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            throw new FormatException($"'{name}' is not base64url");
        }

        return length is null || bytes.Length == length
            ? bytes
            : throw new FormatException($"'{name}' is {bytes.Length} bytes long, not {length}");
    }
}
