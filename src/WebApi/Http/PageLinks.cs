using System.Globalization;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;

namespace TaskManager.WebApi.Http;

internal static class PageLinks
{
    /// <summary>The same request with <c>offset</c> moved on, as an RFC 8288 link relative to this origin.</summary>
    public static string Next(HttpRequest request, int offset) =>
        Link(request, "offset", offset.ToString(CultureInfo.InvariantCulture), "cursor");

    /// <summary>The same request continuing after <paramref name="cursor"/>.</summary>
    public static string NextAfter(HttpRequest request, string cursor) => Link(request, "cursor", cursor, "offset");

    private static string Link(HttpRequest request, string name, string value, string without)
    {
        var parameters = QueryHelpers.ParseQuery(request.QueryString.Value);
        parameters.Remove(without);
        parameters[name] = value;
        var query = new QueryBuilder(parameters.SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v ?? string.Empty))));
        return $"<{request.PathBase}{request.Path}{query}>; rel=\"next\"";
    }
}
