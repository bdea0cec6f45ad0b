using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using TaskManager.Application.Common;
using TaskManager.Application.Tasks.Changes;
using TaskManager.Domain.Tasks;
using TaskManager.WebApi.Errors;

namespace TaskManager.WebApi.OpenApi;

/// <summary>
/// OpenAPI 3.1 at /openapi/v1.json, generated from the controller and the types it reads and writes (their attributes
/// give the limits). <see cref="HttpContractTransformer"/> adds what types cannot say. An integration test checks every
/// response the suite sees against this document, so the two cannot drift apart.
/// </summary>
internal static class OpenApiSetup
{
    public const string SecuritySchemeName = "Bearer";

    public static IServiceCollection AddTaskManagerOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.CreateSchemaReferenceId = type =>
                type.Type == typeof(ProblemBody) ? "ProblemDetails"
                : type.Type == typeof(ValidationProblemBody) ? "ValidationProblemDetails"
                : IsOptional(type.Type) || type.Type.IsEnum ? null
                : OpenApiOptions.CreateDefaultSchemaReferenceId(type);
            // What converters write is invisible to the generator: times and enum names are strings, and a body member
            // (read by OptionalJsonConverter) has the schema of its value.
            options.AddSchemaTransformer((schema, context, _) =>
            {
                var type = context.JsonTypeInfo.Type;
                if (type == typeof(DateTime) || type.IsEnum)
                {
                    schema.Type = JsonSchemaType.String;
                }
                else if (type == typeof(DateTime?))
                {
                    schema.Type = JsonSchemaType.String | JsonSchemaType.Null;
                }
                else if (type == typeof(TaskChange))
                {
                    // An upsert carries task, a delete carries id; the member that does not apply is left out, never null.
                    schema.Required = new HashSet<string> { "op" };
                    schema.Description = "`{\"op\":\"upsert\",\"task\":{…}}` or `{\"op\":\"delete\",\"id\":\"…\"}`.";
                    schema.Properties!["task"] = schema.Properties["task"] is OpenApiSchema { OneOf: { } variants }
                        ? variants.Single(v => v is not OpenApiSchema { Type: JsonSchemaType.Null })
                        : schema.Properties["task"];
                    if (schema.Properties["id"] is OpenApiSchema id)
                    {
                        id.Type = JsonSchemaType.String;
                    }
                }
                else if (IsOptional(type))
                {
                    var nullable = context.JsonPropertyInfo?.AttributeProvider is PropertyInfo property
                        && new NullabilityInfoContext().Create(property).GenericTypeArguments[0].ReadState == NullabilityState.Nullable;
                    var value = type.GetGenericArguments()[0];
                    schema.Type = value == typeof(bool) ? JsonSchemaType.Boolean
                        : value == typeof(IReadOnlyList<string>) ? JsonSchemaType.Array
                        : nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
                    schema.Properties = null;
                    if (context.JsonPropertyInfo?.AttributeProvider?.GetCustomAttributes(typeof(AllowedValuesAttribute), false) is [AllowedValuesAttribute allowed])
                    {
                        schema.Enum = [.. allowed.Values.Select(v => (JsonNode)JsonValue.Create((string)v!))];
                    }

                    if (value == typeof(IReadOnlyList<string>))
                    {
                        // [MaxLength] on a list counts its items; the one list a body takes is the tags.
                        schema.Items = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = TaskLimits.TagMaxLength };
                        (schema.MaxItems, schema.MaxLength) = (schema.MaxLength, null);
                    }
                }

                return Task.CompletedTask;
            });
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
            options.AddOperationTransformer<HttpContractTransformer>();
        });

    private static bool IsOptional(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Optional<>);
}
