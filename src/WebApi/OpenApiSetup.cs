using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using TaskManager.WebApi.OpenApi;

namespace TaskManager.WebApi;

internal static class OpenApiSetup
{
    public const string SecuritySchemeName = "Bearer";

    /// <summary>
    /// OpenAPI 3.1 at /openapi/v1.json. The status codes come from the controller's [ProducesResponseType] attributes;
    /// <see cref="WireContractTransformer"/> gives them the wire's schemas, headers and parameters. An integration test
    /// checks every response the suite sees against this document, so the two cannot drift apart.
    /// </summary>
    public static IServiceCollection AddTaskManagerOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "TaskManager API";
                document.Info.Description =
                    "Per-user tasks behind a Better Auth JWT. Every /api call needs `Authorization: Bearer <token>`; "
                    + "errors are application/problem+json (RFC 9457) with a trace_id.";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[SecuritySchemeName] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "A Better Auth JWT (or an HS256 token signed with BETTER_AUTH_SECRET) whose subject is the path's {user_id}.",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                if (context.Description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true)
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement
                    {
                        [new OpenApiSecuritySchemeReference(SecuritySchemeName, context.Document)] = [],
                    });
                }

                return Task.CompletedTask;
            });
            options.AddDocumentTransformer<WireContractTransformer>();
        });
}
