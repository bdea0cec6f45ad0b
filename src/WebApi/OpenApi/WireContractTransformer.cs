using System.Globalization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;
using TaskManager.Application.Tasks.Queries.ListTasks;
using TaskManager.WebApi.Errors;
using TaskManager.WebApi.Http;

namespace TaskManager.WebApi.OpenApi;

/// <summary>
/// Makes the generated document say what goes over the wire: the hand-written body schemas, the request bodies the
/// controller reads as JsonElement, the list parameters' enums and bounds, the conditional request headers, and for
/// every status its description, content type and response headers. The statuses themselves are the controller's.
/// </summary>
internal sealed class WireContractTransformer : IOpenApiDocumentTransformer
{
    private const string Json = "application/json";
    private const string ProblemJson = "application/problem+json";

    // What MVC's JSON input formatter accepts: anything else is a 415.
    private static readonly string[] JsonRequestTypes = [Json, "text/json", "application/*+json"];

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        var schemas = document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        schemas.Remove("JsonElement");
        foreach (var (name, schema) in WireSchemas.All())
        {
            schemas[name] = schema;
        }

        foreach (var pathItem in document.Paths.Values)
        {
            foreach (var operation in pathItem.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
            {
                if (operation.OperationId is { } id && Operations.TryGetValue(id, out var shape))
                {
                    Describe(operation, shape, document);
                }
            }
        }

        return Task.CompletedTask;
    }

    private sealed record OperationShape(string Summary, string? RequestSchema, bool BodyRequired, string? Condition, string SuccessSchema);

    private static readonly Dictionary<string, OperationShape> Operations = new(StringComparer.Ordinal)
    {
        ["ListTasks"] = new("List your tasks (filter, sort, page)", null, false, null, "array"),
        ["CreateTask"] = new("Create a task", WireSchemas.CreateTask, true, null, WireSchemas.Task),
        ["GetTask"] = new("Get a task", null, false, "If-None-Match", WireSchemas.Task),
        ["UpdateTask"] = new("Update the fields present in the body", WireSchemas.UpdateTask, true, "If-Match", WireSchemas.Task),
        ["DeleteTask"] = new("Delete a task", null, false, "If-Match", WireSchemas.Task),
        ["CompleteTask"] = new("Toggle or set completed", WireSchemas.CompleteTask, false, "If-Match", WireSchemas.Task),
    };

    private static void Describe(OpenApiOperation operation, OperationShape shape, OpenApiDocument document)
    {
        operation.Summary = shape.Summary;
        DescribeParameters(operation, shape);
        if (shape.RequestSchema is not null)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = shape.BodyRequired,
                Description = shape.BodyRequired ? null : "Optional.",
                Content = JsonRequestTypes.ToDictionary(
                    type => type, _ => new OpenApiMediaType { Schema = new OpenApiSchemaReference(shape.RequestSchema, document) }),
            };
        }

        // Rebuilt in status order, which is how a reader scans them.
        var generated = operation.Responses?.OrderBy(r => r.Key, StringComparer.Ordinal).ToList() ?? [];
        operation.Responses = [];
        foreach (var (code, response) in generated)
        {
            var status = int.Parse(code, CultureInfo.InvariantCulture);
            operation.Responses[code] = status >= 400
                ? ProblemResponse(status, operation.OperationId!, response, document)
                : SuccessResponse(status, shape, document);
        }
    }

    private static void DescribeParameters(OpenApiOperation operation, OperationShape shape)
    {
        operation.Parameters ??= [];
        foreach (var parameter in operation.Parameters.OfType<OpenApiParameter>())
        {
            (parameter.Schema, parameter.Description) = parameter.Name switch
            {
                "user_id" => (WireSchemas.UserId(), "Your user id: the token's subject. Anyone else's is a 403."),
                "task_id" => (WireSchemas.TaskId(), "The task's id."),
                "status" => (WireSchemas.Enumeration("all", "all", "pending", "completed"), "Which tasks: all, pending (not completed) or completed."),
                "sort" => (WireSchemas.Enumeration("created", "created", "updated", "title"), "created_at, updated_at or title (case-insensitive); ties are broken by id."),
                "order" => (WireSchemas.Enumeration("asc", "asc", "desc"), "Ascending or descending."),
                "q" => (WireSchemas.Search(), "Text that the title or the description contains, case-insensitive."),
                "limit" => (WireSchemas.Integer(1, ListTasksQuery.MaxLimit, ListTasksQuery.DefaultLimit), "Page size."),
                "offset" => (WireSchemas.Integer(0, int.MaxValue, 0), "Matches to skip. With an offset, the next page's Link moves the offset on."),
                "cursor" => (WireSchemas.String(), "Where the page starts: copy it from the previous page's Link, do not build it. It costs the same at any depth, and cannot be combined with offset."),
                _ => (parameter.Schema, parameter.Description),
            };
            if (parameter.In == ParameterLocation.Query)
            {
                parameter.Description += " Names and values are case-insensitive; an empty value counts as absent; an invalid one is a 400 naming it.";
            }
        }

        if (shape.Condition == "If-Match")
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "If-Match",
                In = ParameterLocation.Header,
                Description = "Change the task only if its ETag is one of these (strong comparison; `*` matches any existing task); otherwise 412 and nothing changes.",
                Schema = WireSchemas.String(),
            });
        }
        else if (shape.Condition == "If-None-Match")
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "If-None-Match",
                In = ParameterLocation.Header,
                Description = "An ETag you hold (weak comparison): 304 without a body while the task has not changed.",
                Schema = WireSchemas.String(),
            });
        }
    }

    private static OpenApiResponse SuccessResponse(int status, OperationShape shape, OpenApiDocument document)
    {
        var response = new OpenApiResponse { Headers = new Dictionary<string, IOpenApiHeader>() };
        switch (status)
        {
            case StatusCodes.Status200OK when shape.SuccessSchema == "array":
                response.Description = "The page of tasks, in the requested order.";
                response.Content = JsonContent(new OpenApiSchema
                {
                    Type = JsonSchemaType.Array,
                    Items = new OpenApiSchemaReference(WireSchemas.Task, document),
                });
                response.Headers["X-Total-Count"] = Header("The number of matching tasks before paging.", new OpenApiSchema
                {
                    Type = JsonSchemaType.Integer,
                    Minimum = "0",
                }, required: true);
                response.Headers["Link"] = Header(
                    "Only while more pages exist: `</api/{user_id}/tasks?...&cursor=...>; rel=\"next\"` (or `offset=N` when the request paged by offset), keeping every other parameter.",
                    WireSchemas.String(), required: false);
                break;
            case StatusCodes.Status201Created:
                response.Description = "Created: the task, its URL in Location and its ETag.";
                response.Content = JsonContent(new OpenApiSchemaReference(WireSchemas.Task, document));
                response.Headers["Location"] = Header("The new task's URL, a path relative to this origin: `/api/{user_id}/tasks/{id}`.", WireSchemas.String("uri-reference"), required: true);
                response.Headers["ETag"] = ETag();
                break;
            case StatusCodes.Status204NoContent:
                response.Description = "Deleted.";
                break;
            case StatusCodes.Status304NotModified:
                response.Description = "The task still has the ETag named in If-None-Match. No body.";
                response.Headers["ETag"] = ETag();
                break;
            default:
                response.Description = "The task, and its ETag.";
                response.Content = JsonContent(new OpenApiSchemaReference(WireSchemas.Task, document));
                response.Headers["ETag"] = ETag();
                break;
        }

        return response;
    }

    private static OpenApiResponse ProblemResponse(int status, string operationId, IOpenApiResponse generated, OpenApiDocument document)
    {
        // 422 always names fields; a 400 names them when it is about the list's query parameters, and may not otherwise.
        var validation = status == StatusCodes.Status422UnprocessableEntity;
        var response = new OpenApiResponse
        {
            Description = status == StatusCodes.Status400BadRequest
                ? (operationId == "ListTasks"
                    ? "A query parameter is invalid (errors names it), or HTTPS is required and the call was plain HTTP."
                    : operationId is "CreateTask" or "UpdateTask" or "CompleteTask"
                        ? "The body cannot be read (malformed JSON, not UTF-8, not a JSON object), or HTTPS is required and the call was plain HTTP."
                        : "HTTPS is required and the call was plain HTTP.")
                : ProblemDescriptions.GetValueOrDefault(status, generated.Description ?? ReasonPhrases.GetReasonPhrase(status)),
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [ProblemJson] = new() { Schema = new OpenApiSchemaReference(validation ? WireSchemas.ValidationProblem : WireSchemas.Problem, document) },
            },
            Headers = new Dictionary<string, IOpenApiHeader>(),
        };
        if (status == StatusCodes.Status401Unauthorized)
        {
            response.Headers["WWW-Authenticate"] = Header(
                "`Bearer` without a token; `Bearer error=\"invalid_token\", error_description=\"...\"` with one.", WireSchemas.String(), required: true);
        }
        else if (status is StatusCodes.Status503ServiceUnavailable or StatusCodes.Status429TooManyRequests)
        {
            response.Headers["Retry-After"] = Header(
                status == StatusCodes.Status429TooManyRequests
                    ? "Seconds until the rate-limit window reopens."
                    : $"Seconds to wait before retrying ({ExceptionProblemHandler.RetryAfterSeconds}).",
                new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "0" },
                required: true);
        }

        return response;
    }

    private static readonly Dictionary<int, string> ProblemDescriptions = new()
    {
        [401] = "No token, or one that is malformed, badly signed, expired, not yet valid, for another issuer or audience, "
            + "of a refused algorithm, or without a subject. Decided before anything else.",
        [403] = "{user_id} is not the token's subject. Decided before any data is read, whether or not the task exists.",
        [404] = "{task_id} is not a UUID, does not exist, or belongs to someone else: the three are indistinguishable.",
        [412] = "If-Match does not match the task's current ETag: nothing was changed.",
        [413] = $"The request body is larger than {RequestLimits.MaxBytes / 1024} KiB (any request).",
        [414] = $"The query string is longer than {RequestLimits.MaxQueryLength} characters.",
        [415] = "The body's Content-Type is not JSON.",
        [422] = "Well-formed JSON whose fields break the rules (missing or blank title, too long, wrong JSON type): errors names them.",
        [429] = "Too many requests from this subject (or, without a valid token, this address) in the current window.",
        [500] = "An unexpected failure: the problem holds a trace_id and nothing else.",
        [503] = "The database is unreachable, or the task is being changed by too many requests at once: nothing was written. Retry after Retry-After.",
    };

    private static Dictionary<string, OpenApiMediaType> JsonContent(IOpenApiSchema schema) =>
        new() { [Json] = new OpenApiMediaType { Schema = schema } };

    private static OpenApiHeader ETag() =>
        Header("The task's version as a strong entity tag, e.g. `\"v3\"`: it changes whenever the task does.", WireSchemas.String(), required: true);

    private static OpenApiHeader Header(string description, IOpenApiSchema schema, bool required) =>
        new() { Description = description, Schema = schema, Required = required };
}
