using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using TaskManager.Application.Tasks;
using TaskManager.Application.Tasks.Changes;
using TaskManager.WebApi.Http;
using TaskManager.WebApi.Idempotency;

namespace TaskManager.WebApi.OpenApi;

/// <summary>
/// What the types cannot say: the bearer requirement, the conditional request headers, each status's meaning and the
/// response headers (ETag, Location, paging, WWW-Authenticate, Retry-After). Decided by HTTP method and status, and by
/// whether a response carries tasks, never by operation name.
/// </summary>
internal sealed class HttpContractTransformer : IOpenApiOperationTransformer
{
    private static readonly Dictionary<int, string> Meanings = new()
    {
        [200] = "The task, and its ETag.",
        [201] = "Created: the task, its URL in Location and its ETag.",
        [204] = "Deleted.",
        [304] = "The task still has the ETag named in If-None-Match. No body.",
        [400] = "The request cannot be read: a query parameter is invalid (errors names it), the body is malformed JSON, not UTF-8 "
            + "or not a JSON object, or HTTPS is required and the call was plain HTTP.",
        [401] = "No token, or one that is malformed, badly signed, expired, not yet valid, for another issuer or audience, "
            + "of a refused algorithm, or without a subject. Decided before anything else.",
        [403] = "{user_id} is not the token's subject. Decided before any data is read, whether or not the task exists.",
        [404] = "{task_id} is not a UUID, does not exist, or belongs to someone else: the three are indistinguishable.",
        [409] = "A request with the same Idempotency-Key is still in progress: retry it once that one has finished.",
        [412] = "If-Match does not match the task's current ETag: nothing was changed.",
        [413] = $"The request body is larger than {RequestLimits.MaxBytes / 1024} KiB (any request).",
        [414] = $"The query string is longer than {RequestLimits.MaxQueryLength} characters.",
        [415] = "The body's Content-Type is not JSON.",
        [422] = "Well-formed JSON whose fields break the rules (missing or blank title, too long, wrong JSON type): errors names them.",
        [429] = "Too many requests from this subject (or, without a valid token, this address) in the current window.",
        [410] = "since is older than the deletions the service still remembers (Sync:TombstoneDays): start again with a full sync.",
        [500] = "An unexpected failure: the problem holds a trace_id and nothing else.",
        [503] = "The database is unreachable, or the task is being changed by too many requests at once: nothing was written.",
    };

    // A success that is not one task: what it holds instead.
    private static readonly Dictionary<Type, string> SuccessMeanings = new()
    {
        [typeof(IReadOnlyList<TaskDto>)] = "The page of tasks, in the requested order.",
        [typeof(IReadOnlyList<TagCount>)] = "Your tags, one per name ignoring case, sorted by it, with how many of your tasks carry each.",
        [typeof(ChangesPage)] = "Changes, oldest first, each task once in its latest state. Apply them in order, then read on with "
            + "`next` while `has_more`: the client then holds exactly the server's tasks. Keep the last `next` for the next sync.",
        [typeof(TaskChange)] = "A stream of server-sent events (`text/event-stream`) that stays open; the schema is that of each "
            + "event's `data:`. Each change is one event: `id:` the token that resumes after it (send it back as `Last-Event-ID` "
            + "or `?since=`), `event:` `upsert` or `delete`, `data:` the change as the changes feed gives it. Missed changes come "
            + "first, then live ones, nothing lost or repeated. A `: keep-alive` comment comes at least every Sync:HeartbeatSeconds "
            + "(15 s). The stream ends when the token expires (at exp plus the clock skew) or the service stops: reconnect with a "
            + "fresh token and the last event id. Without a token to resume from, the stream starts with the next change.",
    };

    // What the Idempotency-Key adds to the meanings of the operations that take one.
    private static readonly Dictionary<int, string> IdempotencyMeanings = new()
    {
        [400] = "Or Idempotency-Key is malformed.",
        [422] = "Or the Idempotency-Key was already used for a different request (another body or route): errors names idempotency-key.",
    };

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(OpenApiSetup.SecuritySchemeName, context.Document)] = [] }];
        var method = context.Description.HttpMethod;
        var onOneTask = context.Description.ParameterDescriptions.Any(p => p.Name == "task_id");
        if (onOneTask && method is "PUT" or "PATCH" or "DELETE")
        {
            AddHeaderParameter(operation, "If-Match", "Change the task only if its ETag is one of these (strong comparison; `*` matches any existing task); otherwise 412 and nothing changes.");
        }
        else if (onOneTask && method == "GET")
        {
            AddHeaderParameter(operation, "If-None-Match", "An ETag you hold (weak comparison): 304 without a body while the task has not changed.");
        }

        var idempotent = context.Description.ActionDescriptor.EndpointMetadata.OfType<IdempotentAttribute>().Any();
        if (idempotent)
        {
            AddHeaderParameter(operation, IdempotencyFilter.KeyHeader, IdempotencyKeyDescription);
        }

        var success = context.Description.SupportedResponseTypes.FirstOrDefault(r => r.StatusCode == 200)?.Type;
        var lists = success == typeof(IReadOnlyList<TaskDto>);
        foreach (var (code, response) in operation.Responses ?? [])
        {
            if (response is not OpenApiResponse described || !int.TryParse(code, out var status))
            {
                continue;
            }

            described.Description = status == 200 && SuccessMeanings.TryGetValue(success!, out var meaning)
                ? meaning
                : Meanings.GetValueOrDefault(status, described.Description ?? code);
            if (idempotent && IdempotencyMeanings.TryGetValue(status, out var keyMeaning))
            {
                described.Description += " " + keyMeaning;
            }
            var headers = described.Headers ??= new Dictionary<string, IOpenApiHeader>();
            switch (status)
            {
                case 200 when lists:
                    headers["X-Total-Count"] = Header("The number of matching tasks before paging.", JsonSchemaType.Integer, required: true);
                    headers["Link"] = Header("Only while more pages exist: `</api/{user_id}/tasks?...&cursor=...>; rel=\"next\"` (or `offset=N` when the request paged by offset), keeping every other parameter.");
                    break;
                case 201:
                    headers["Location"] = Header("The new task's URL, a path relative to this origin: `/api/{user_id}/tasks/{id}`.", required: true);
                    headers["ETag"] = ETag();
                    AddReplayed(headers, idempotent);
                    break;
                case 200 when success == typeof(TaskDto):
                case 304:
                    headers["ETag"] = ETag();
                    AddReplayed(headers, idempotent);
                    break;
                case 401:
                    headers["WWW-Authenticate"] = Header("`Bearer` without a token; `Bearer error=\"invalid_token\", error_description=\"...\"` with one.", required: true);
                    break;
                case 429 or 503:
                    headers["Retry-After"] = Header("Seconds to wait before retrying.", JsonSchemaType.Integer, required: true);
                    break;
            }
        }

        return Task.CompletedTask;
    }

    private const string IdempotencyKeyDescription =
        "1 to 255 visible ASCII characters, unique per request you mean (a UUID, say), kept for your user for at least 24 hours. "
        + "The same key with the same request again answers with the first response, Idempotent-Replayed: true, and writes nothing; "
        + "with a different body or route, 422; while the first is still running, 409. Only successes are kept: after an error, "
        + "a retry with the key runs again.";

    private static void AddReplayed(IDictionary<string, IOpenApiHeader> headers, bool idempotent)
    {
        if (idempotent)
        {
            headers[IdempotencyFilter.ReplayedHeader] = Header(
                "`true` when this is the stored response of an earlier request with the same Idempotency-Key; absent otherwise.");
        }
    }

    private static void AddHeaderParameter(OpenApiOperation operation, string name, string description) =>
        (operation.Parameters ??= []).Add(new OpenApiParameter
        {
            Name = name,
            In = ParameterLocation.Header,
            Description = description,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });

    private static OpenApiHeader ETag() =>
        Header("The task's version as a strong entity tag, e.g. `\"v3\"`: it changes whenever the task does.", required: true);

    private static OpenApiHeader Header(string description, JsonSchemaType type = JsonSchemaType.String, bool required = false) =>
        new() { Description = description, Schema = new OpenApiSchema { Type = type, Minimum = type == JsonSchemaType.Integer ? "0" : null }, Required = required };
}
