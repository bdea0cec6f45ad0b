using System.Text.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using ModelContextProtocol.Protocol;
using TaskManager.WebApi.Http;

namespace TaskManager.WebApi.Mcp;

/// <summary>
/// /mcp: a Model Context Protocol server (Streamable HTTP) over the same handlers as the controllers. Stateless, so
/// that any instance answers any call; behind the same bearer token, and (see RateLimiting, TransportSecurity) the
/// same rate limits, HTTPS rule, CORS policy and request limits as /api.
/// </summary>
internal static class McpSetup
{
    public const string Path = "/mcp";

    public static IServiceCollection AddTaskManagerMcp(this IServiceCollection services)
    {
        services.AddMcpServer(options =>
            {
                options.ServerInfo = new Implementation { Name = "TaskManager", Version = "1.0.0" };
                // A stateless call is one HTTP request: its scope is the request's, as a controller action's is.
                options.ScopeRequests = false;
            })
            .WithHttpTransport(transport => transport.Stateless = true)
            .WithTools<TaskTools>(ToolJson())
            .WithMessageFilters(filters => filters.AddIncomingFilter(UnreadableArguments.SetAside))
            .WithRequestFilters(filters => filters.AddCallToolFilter(ToolFailureFilter.Wrap));
        return services;
    }

    public static IEndpointConventionBuilder MapTaskManagerMcp(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapMcp(Path)
            .RequireAuthorization(policy => policy.AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme).RequireAuthenticatedUser())
            // JSON-RPC over one URL: the REST document (/openapi/v1.json) has nothing to say about it.
            .ExcludeFromDescription();

    // The wire's JSON for arguments and results: snake_case task objects, times as the API writes them.
    private static JsonSerializerOptions ToolJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        JsonSetup.Apply(options);
        return options;
    }
}
