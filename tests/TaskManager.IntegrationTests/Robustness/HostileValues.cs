using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace TaskManager.IntegrationTests.Robustness;

/// <summary>
/// Values that a database cannot store or compare, as they travel in a query string or a JSON body: what
/// <see cref="HostileInputTests"/> sends to every parameter and field on purpose, and <see cref="HostileRequests"/>
/// mixes into its random requests.
/// </summary>
public static class HostileValues
{
    /// <summary>NUL, alone and inside text, percent-encoded.</summary>
    public static readonly string[] QueryNul = ["%00", "a%00b", "%00%00"];

    /// <summary>Bytes that are not UTF-8: lone surrogates in CESU-8 (high, low), a stray byte, a broken pair, an overlong NUL, a code point past U+10FFFF.</summary>
    public static readonly string[] QueryNotUtf8 = ["%ED%A0%80", "%ED%B0%80", "%FF", "%C3%28", "%C0%80", "%F4%90%80%80"];

    /// <summary>JSON strings that no database can hold as sent: NUL and unpaired surrogates, escaped.</summary>
    public static readonly string[] JsonUnstorable = ["\"\\u0000\"", "\"a\\u0000b\"", "\"\\ud800\"", "\"x\\udc00\"", "\"\\udfff\\ud800\""];

    /// <summary>JSON strings whose raw bytes are not UTF-8 (the same kinds as <see cref="QueryNotUtf8"/>).</summary>
    public static readonly byte[][] JsonNotUtf8 = [[0xED, 0xA0, 0x80], [0xFF], [0xC3, 0x28], [0xC0, 0x80]];

    /// <summary>A JSON string: a quote, <paramref name="inner"/> as raw bytes, a quote.</summary>
    public static byte[] JsonString(byte[] inner) => [(byte)'"', .. inner, (byte)'"'];

    /// <summary>
    /// A cursor for <c>sort=</c><paramref name="sort"/> (and no other parameter), built as any client can build one:
    /// its fingerprint is a hash of the list's parameters by the names of their values, so only its key and id need
    /// to be made up.
    /// </summary>
    /// <param name="key">The JSON value of the key, as raw bytes.</param>
    /// <param name="id">The JSON value of the id, as raw bytes.</param>
    /// <param name="fingerprint">The JSON value of the fingerprint, as raw bytes; the true one when null.</param>
    public static string ForgedCursor(string sort, byte[] key, byte[] id, byte[]? fingerprint = null)
    {
        fingerprint ??= Json($"\"{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"All\n{sort}\nAsc\n")))[..16]}\"");
        return Base64Url.EncodeToString([.. "{\"k\":"u8, .. key, .. ",\"i\":"u8, .. id, .. ",\"f\":"u8, .. fingerprint, .. "}"u8]);
    }

    public static byte[] Json(string json) => Encoding.UTF8.GetBytes(json);
}
