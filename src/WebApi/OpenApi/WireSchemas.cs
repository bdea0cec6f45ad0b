using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using TaskManager.Application.Tasks.Queries.ListTasks;
using TaskManager.Domain.Tasks;
using TaskManager.Infrastructure.Auth;

namespace TaskManager.WebApi.OpenApi;

/// <summary>
/// The JSON the API reads and writes, as schemas. Written by hand because bodies are read as JsonElement (to tell an
/// absent field from a null one) and times go through a custom converter, so the generator cannot see the wire shape.
/// The limits come from the domain's constants.
/// </summary>
internal static class WireSchemas
{
    public const string Task = "TaskDto";
    public const string Problem = "ProblemDetails";
    public const string ValidationProblem = "ValidationProblemDetails";
    public const string CreateTask = "CreateTaskRequest";
    public const string UpdateTask = "UpdateTaskRequest";
    public const string CompleteTask = "CompleteTaskRequest";

    public static IEnumerable<(string Name, OpenApiSchema Schema)> All()
    {
        yield return (Task, TaskSchema());
        yield return (Problem, ProblemSchema(errorsRequired: false));
        yield return (ValidationProblem, ProblemSchema(errorsRequired: true));
        yield return (CreateTask, CreateTaskSchema());
        yield return (UpdateTask, UpdateTaskSchema());
        yield return (CompleteTask, CompleteTaskSchema());
    }

    public static OpenApiSchema UserId(string? description = null) => new()
    {
        Type = JsonSchemaType.String,
        MinLength = 1,
        MaxLength = TokenSubject.MaxLength,
        Description = description,
    };

    public static OpenApiSchema TaskId() => new()
    {
        Type = JsonSchemaType.String,
        Format = "uuid",
        Description = "A task id as the server gave it (hex case does not matter). Anything else is a 404.",
    };

    public static OpenApiSchema Enumeration(string fallback, params string[] values) => new()
    {
        Type = JsonSchemaType.String,
        Enum = [.. values.Select(value => (JsonNode)JsonValue.Create(value))],
        Default = JsonValue.Create(fallback),
    };

    public static OpenApiSchema Integer(int minimum, int maximum, int fallback) => new()
    {
        Type = JsonSchemaType.Integer,
        Format = "int32",
        Minimum = minimum.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Maximum = maximum.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Default = JsonValue.Create(fallback),
    };

    public static OpenApiSchema Search() => new()
    {
        Type = JsonSchemaType.String,
        MaxLength = ListTasksQuery.SearchMaxLength,
    };

    public static OpenApiSchema String(string? format = null, string? description = null) =>
        new() { Type = JsonSchemaType.String, Format = format, Description = description };

    private static OpenApiSchema TaskSchema() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "A task. Every member is always present.",
        Required = new HashSet<string> { "id", "user_id", "title", "description", "completed", "created_at", "updated_at" },
        AdditionalPropertiesAllowed = false,
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["id"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid", Description = "Assigned by the server." },
            ["user_id"] = UserId("The owner: the token's subject (`sub`, else its `user_id` claim)."),
            ["title"] = Title(),
            ["description"] = Description(),
            ["completed"] = new OpenApiSchema { Type = JsonSchemaType.Boolean },
            ["created_at"] = String("date-time", "RFC 3339, UTC, milliseconds, e.g. 2026-11-24T03:04:48.771Z. Set once."),
            ["updated_at"] = String("date-time", "RFC 3339, UTC, milliseconds. Changes with every change that alters a field."),
        },
    };

    private static OpenApiSchema ProblemSchema(bool errorsRequired)
    {
        var required = new HashSet<string> { "type", "title", "status", "instance", "trace_id" };
        if (errorsRequired)
        {
            required.Add("errors");
        }

        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = errorsRequired
                ? "An RFC 9457 problem whose errors name each offending snake_case field or query parameter."
                : "An RFC 9457 problem. Never holds a stack trace, SQL or a token.",
            Required = required,
            AdditionalPropertiesAllowed = false,
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = String(description: "A URI naming the kind of problem."),
                ["title"] = String(description: "The status's reason phrase."),
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
                ["detail"] = String(description: "What went wrong, for a person. Absent on a 500."),
                ["instance"] = String(description: "The request's path."),
                ["trace_id"] = String(description: "Quote it when reporting the problem: it finds the request in the logs."),
                ["errors"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "Field or parameter name (snake_case) to its messages.",
                    AdditionalProperties = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Array,
                        Items = new OpenApiSchema { Type = JsonSchemaType.String },
                    },
                },
            },
        };
    }

    private static OpenApiSchema CreateTaskSchema() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "Other members (id, user_id, created_at, updated_at, anything else) are ignored.",
        Required = new HashSet<string> { "title" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["title"] = Title(),
            ["description"] = Description(),
            ["completed"] = new OpenApiSchema { Type = JsonSchemaType.Boolean, Default = JsonValue.Create(false) },
        },
    };

    private static OpenApiSchema UpdateTaskSchema() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "Changes the members that are present and leaves the others; `{}` changes nothing (200, updated_at kept). "
            + "`description: null` clears the description; `title: null` is a 422. Other members are ignored.",
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["title"] = Title(),
            ["description"] = Description(),
            ["completed"] = new OpenApiSchema { Type = JsonSchemaType.Boolean },
        },
    };

    private static OpenApiSchema CompleteTaskSchema() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "No body, an empty body or `{}` toggles completed; `{\"completed\": true|false}` sets it, so a retry cannot flip it back. "
            + "title and description are type-checked and otherwise ignored.",
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["completed"] = new OpenApiSchema { Type = JsonSchemaType.Boolean },
        },
    };

    private static OpenApiSchema Title() => new()
    {
        Type = JsonSchemaType.String,
        MinLength = 1,
        MaxLength = TaskItem.TitleMaxLength,
        Description = $"Surrounding white space is trimmed; then 1–{TaskItem.TitleMaxLength} characters (UTF-16 code units), no control characters.",
    };

    private static OpenApiSchema Description() => new()
    {
        Type = JsonSchemaType.String | JsonSchemaType.Null,
        MaxLength = TaskItem.DescriptionMaxLength,
        Description = $"At most {TaskItem.DescriptionMaxLength} characters (UTF-16 code units), stored as sent; null means none.",
    };
}
