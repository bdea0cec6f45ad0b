using System.Globalization;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;

namespace TaskManager.WebApi.Http;

internal static class PageLinks
{
    /// <summary>The same request with <c>offset</c> moved on, as an RFC 8288 link relative to this origin.</summary>
    public static string Next(HttpRequest request, int offset)
    {
        var parameters = QueryHelpers.ParseQuery(request.QueryString.Value);
        parameters["offset"] = offset.ToString(CultureInfo.InvariantCulture);
        var query = new QueryBuilder(parameters.SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v ?? string.Empty))));
        return $"<{request.PathBase}{request.Path}{query}>; rel=\"next\"";
    }
}
