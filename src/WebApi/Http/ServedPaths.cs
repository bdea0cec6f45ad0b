namespace TaskManager.WebApi.Http;

/// <summary>
/// The paths that reach users' tasks: the REST API and the MCP endpoint. Both get the same rate limits, HTTPS rule
/// and cache headers; health, OpenAPI and docs do not.
/// </summary>
internal static class ServedPaths
{
    public static bool ReachesTasks(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments("/mcp");
}
