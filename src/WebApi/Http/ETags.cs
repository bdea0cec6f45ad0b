using System.Globalization;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using TaskManager.Application.Common;
using TaskManager.Application.Tasks;

namespace TaskManager.WebApi.Http;

/// <summary>A task's ETag is its version, quoted: it changes exactly when the task does.</summary>
internal static class ETags
{
    public static string For(TaskDto task) => string.Create(CultureInfo.InvariantCulture, $"\"v{task.Version}\"");

    /// <summary>The If-Match condition, compared strongly (RFC 9110 §13.1.1): a weak or unreadable tag matches nothing.</summary>
    public static Precondition? IfMatch(StringValues header)
    {
        if (StringValues.IsNullOrEmpty(header))
        {
            return null;
        }

        if (!EntityTagHeaderValue.TryParseList(header, out var tags))
        {
            return new Precondition(false, new HashSet<int>());
        }

        if (tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any)))
        {
            return Precondition.AnyVersion;
        }

        var versions = tags.Where(tag => !tag.IsWeak).Select(VersionOf).OfType<int>().ToHashSet();
        return new Precondition(false, versions);
    }

    /// <summary>Whether If-None-Match names the task's current version, compared weakly (RFC 9110 §13.1.2).</summary>
    public static bool IfNoneMatchHits(StringValues header, TaskDto task)
    {
        if (StringValues.IsNullOrEmpty(header) || !EntityTagHeaderValue.TryParseList(header, out var tags))
        {
            return false;
        }

        return tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || VersionOf(tag) == task.Version);
    }

    private static int? VersionOf(EntityTagHeaderValue tag)
    {
        var value = tag.Tag.AsSpan();
        return value.Length > 3 && value[1] == 'v'
            && int.TryParse(value[2..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : null;
    }
}
