using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TaskManager.Application.Tasks.Changes;

/// <summary>
/// A point in one user's changes, opaque on the wire (base64url of "position.horizon.fingerprint"). The fingerprint
/// binds it to its user, so another user's token is refused; it needs no secret, as a token only ever reads the
/// caller's own changes. The same on every instance.
/// </summary>
/// <param name="Position">The sequence of the last change the holder has seen.</param>
/// <param name="Horizon">
/// The holder has seen every deletion up to here too: a full sync starts knowing every purged deletion, whose tasks it
/// simply never receives. A token is too old (410) once a purged deletion lies above both numbers.
/// </param>
public readonly record struct ChangeToken(long Position, long Horizon)
{
    // Two longs, a fingerprint and the dots, in base64url; anything longer was not made here.
    private const int MaxLength = 96;

    public bool IsForgotten(FeedState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.ForgottenThrough > Math.Max(Position, Horizon);
    }

    public string Encode(string ownerId) =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(string.Create(
            CultureInfo.InvariantCulture, $"{Position}.{Horizon}.{Fingerprint(ownerId)}")));

    /// <returns>False when <paramref name="text"/> is not a token this service gave <paramref name="ownerId"/>.</returns>
    public static bool TryDecode(string text, string ownerId, out ChangeToken token)
    {
        ArgumentNullException.ThrowIfNull(text);
        token = default;
        if (text.Length > MaxLength || !Base64Url.IsValid(text))
        {
            return false;
        }

        var parts = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(text)).Split('.');
        if (parts is not [var position, var horizon, var fingerprint]
            || !string.Equals(fingerprint, Fingerprint(ownerId), StringComparison.Ordinal)
            || !TryParseSequence(position, out var p)
            || !TryParseSequence(horizon, out var h))
        {
            return false;
        }

        token = new ChangeToken(p, h);
        return true;
    }

    private static bool TryParseSequence(string text, out long sequence) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out sequence);

    private static string Fingerprint(string ownerId) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("changes\n" + ownerId)))[..16];
}
