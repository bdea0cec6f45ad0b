using System.Globalization;
using System.Text.RegularExpressions;

namespace TaskManager.Domain.Tasks;

/// <summary>Task times are UTC with millisecond precision: what every provider stores and the wire shows, exactly.</summary>
public static partial class Timestamp
{
    /// <summary>
    /// Reads an RFC 3339 date-time, which names its offset (<c>Z</c> or <c>±hh:mm</c>); a date alone or a time without
    /// an offset means no one instant, so it is refused rather than read in some zone.
    /// </summary>
    public static bool TryParseRfc3339(string? text, out DateTime utc)
    {
        utc = default;
        if (text is null || !Rfc3339().IsMatch(text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return false;
        }

        utc = Normalize(parsed.UtcDateTime);
        return true;
    }

    public static DateTime Normalize(DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        return new DateTime(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
    }

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})?([Zz]|[+-][0-9]{2}:[0-9]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();
}
