using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NJsonSchema;

namespace TaskManager.IntegrationTests.Infrastructure;

/// <summary>A response the contract checked: which documented operation it answered, and with which status.</summary>
public sealed record ObservedResponse(string OperationId, int Status, IReadOnlyList<string> Violations);

/// <summary>
/// The API's own /openapi/v1.json, used as a checker of real responses: the status must be documented for the
/// operation, the body must match the status's schema for its content type (NJsonSchema: types, required members,
/// no undocumented members, lengths, formats), the required headers must be there and the contract's headers must
/// not appear where the document does not list them.
/// </summary>
public sealed partial class OpenApiContract
{
    /// <summary>Headers the contract gives a meaning to: each may appear only where the document lists it.</summary>
    public static readonly string[] ContractHeaders = ["ETag", "Location", "X-Total-Count", "Link", "Retry-After", "WWW-Authenticate", "Idempotent-Replayed"];

    private static readonly SemaphoreSlim Loading = new(1, 1);
    public const string EventStream = "text/event-stream";

    private static OpenApiContract? _shared;

    private readonly JsonObject _schemas;
    private readonly List<(Regex Pattern, string Template)> _paths;
    private readonly ConcurrentDictionary<string, JsonSchema> _compiled = new(StringComparer.Ordinal);

    private OpenApiContract(JsonObject document)
    {
        Document = document;
        _schemas = document["components"]?["schemas"]?.AsObject() ?? [];
        _paths = [.. document["paths"]!.AsObject().Select(path => (PathPattern(path.Key), path.Key))];
    }

    public JsonObject Document { get; }

    /// <summary>The document as <paramref name="factory"/>'s API serves it, fetched once: it does not depend on configuration.</summary>
    public static async Task<OpenApiContract> ForAsync(TaskManagerApiFactory factory)
    {
        if (_shared is not null)
        {
            return _shared;
        }

        await Loading.WaitAsync();
        try
        {
            if (_shared is null)
            {
                using var client = factory.Server.CreateClient();
                _shared = Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
            }

            return _shared;
        }
        finally
        {
            Loading.Release();
        }
    }

    public static OpenApiContract Parse(string json) => new(JsonNode.Parse(json)!.AsObject());

    /// <summary>Every (operationId, status) the document lists.</summary>
    public IEnumerable<(string OperationId, int Status)> DocumentedResponses() =>
        from path in Document["paths"]!.AsObject()
        from operation in path.Value!.AsObject()
        where operation.Value?["responses"] is not null
        from response in operation.Value!["responses"]!.AsObject()
        select (operation.Value!["operationId"]!.GetValue<string>(), int.Parse(response.Key, CultureInfo.InvariantCulture));

    /// <summary>Checks a response; null when the request is for no documented operation (an unknown path or method).</summary>
    public ObservedResponse? Check(HttpMethod method, Uri uri, HttpResponseMessage response, string body)
    {
        var operation = Find(method, uri);
        if (operation is null)
        {
            return null;
        }

        var operationId = operation["operationId"]!.GetValue<string>();
        var status = (int)response.StatusCode;
        var where = $"{method} {uri.PathAndQuery} -> {status} ({operationId})";
        var violations = new List<string>();
        if (operation["responses"]?[status.ToString(CultureInfo.InvariantCulture)] is not JsonObject documented)
        {
            violations.Add($"{where}: status {status} is not documented for {operationId}");
            return new ObservedResponse(operationId, status, violations);
        }

        CheckBody(documented, response, body, where, violations);
        CheckHeaders(documented, response, where, violations);
        return new ObservedResponse(operationId, status, violations);
    }

    /// <summary>Validates JSON against a component schema (by name) or an inline one; the messages name each error.</summary>
    public IReadOnlyList<string> Validate(JsonNode schema, string json)
    {
        var key = schema.ToJsonString();
        var compiled = _compiled.GetOrAdd(key, _ => Compile(schema));
        return [.. compiled.Validate(json).Select(error => error.ToString())];
    }

    public IReadOnlyList<string> ValidateComponent(string name, string json) =>
        Validate(new JsonObject { ["$ref"] = $"#/components/schemas/{name}" }, json);

    private JsonObject? Find(HttpMethod method, Uri uri)
    {
        // Every route answers with and without a trailing slash.
        var path = uri.AbsolutePath.Length > 1 ? uri.AbsolutePath.TrimEnd('/') : uri.AbsolutePath;
        foreach (var (pattern, template) in _paths)
        {
            if (pattern.IsMatch(path))
            {
                return Document["paths"]![template]![method.Method.ToLowerInvariant()] as JsonObject;
            }
        }

        return null;
    }

    private void CheckBody(JsonObject documented, HttpResponseMessage response, string body, string where, List<string> violations)
    {
        var content = documented["content"]?.AsObject();
        if (content is null || content.Count == 0)
        {
            if (body.Length > 0)
            {
                violations.Add($"{where}: the document gives this status no body, but one was sent: {body}");
            }

            return;
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is null || content[mediaType] is not JsonObject media)
        {
            violations.Add($"{where}: Content-Type {mediaType ?? "(none)"} is not one of {string.Join(", ", content.Select(c => c.Key))}");
            return;
        }

        // An event stream's schema is that of each event's data.
        var documents = mediaType == EventStream
            ? body.Split('\n').Where(l => l.StartsWith("data:", StringComparison.Ordinal)).Select(l => l[5..].Trim()).ToList()
            : [body];
        foreach (var document in documents)
        {
            try
            {
                using var _ = JsonDocument.Parse(document);
            }
            catch (JsonException)
            {
                violations.Add($"{where}: the body is not JSON: {document}");
                continue;
            }

            violations.AddRange(Validate(media["schema"]!, document).Select(error => $"{where}: {error} in {document}"));
        }
    }

    private static void CheckHeaders(JsonObject documented, HttpResponseMessage response, string where, List<string> violations)
    {
        var headers = documented["headers"]?.AsObject() ?? [];
        foreach (var (name, header) in headers)
        {
            var values = Values(response, name);
            if (values is null)
            {
                if (header?["required"]?.GetValue<bool>() == true)
                {
                    violations.Add($"{where}: the required header {name} is missing");
                }

                continue;
            }

            if (header?["schema"]?["type"]?.GetValue<string>() == "integer"
                && !values.All(v => long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            {
                violations.Add($"{where}: header {name} should be an integer, was '{string.Join(", ", values)}'");
            }
        }

        foreach (var name in ContractHeaders)
        {
            if (!headers.ContainsKey(name) && Values(response, name) is { } values)
            {
                violations.Add($"{where}: header {name}: {string.Join(", ", values)} is sent but not documented for this status");
            }
        }
    }

    private static string[]? Values(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? [.. values]
            : null;

    private static Regex PathPattern(string template) =>
        new("^" + TemplateParameter().Replace(Regex.Escape(template).Replace(@"\{", "{", StringComparison.Ordinal), "[^/]+") + "$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    // The schema with every component beside it as a definition, so that its $refs resolve. Wrapped in allOf: a root that
    // is itself a $ref would leave the refs inside the schema it names unresolved (NJsonSchema).
    private JsonSchema Compile(JsonNode schema)
    {
        var root = new JsonObject { ["allOf"] = new JsonArray(schema.DeepClone()) };
        root["definitions"] = _schemas.DeepClone();
        var text = root.ToJsonString().Replace("#/components/schemas/", "#/definitions/", StringComparison.Ordinal);
        return JsonSchema.FromJsonAsync(text).GetAwaiter().GetResult();
    }

    [GeneratedRegex(@"\{[^}/]+\}")]
    private static partial Regex TemplateParameter();
}

/// <summary>Checks every response of a client against the document; a violation fails the test that made the request.</summary>
public sealed class OpenApiConformanceHandler(TaskManagerApiFactory factory, ICollection<ObservedResponse>? observed = null) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (request.Method == HttpMethod.Head || request.Method == HttpMethod.Options)
        {
            return response;
        }

        var body = response.Content.Headers.ContentType?.MediaType == OpenApiContract.EventStream
            ? await FirstEventAsync(response, cancellationToken)
            : await BufferedAsync(response, cancellationToken);
        var contract = await OpenApiContract.ForAsync(factory);
        var result = contract.Check(request.Method, request.RequestUri!, response, body);
        if (result is null)
        {
            return response;
        }

        if (observed is not null)
        {
            lock (observed)
            {
                observed.Add(result);
            }
        }

        if (result.Violations.Count > 0)
        {
            throw new AssertionException("The response does not match /openapi/v1.json:\n" + string.Join("\n", result.Violations));
        }

        return response;
    }

    // Buffered, so the test can still read the body after the check.
    private static async Task<string> BufferedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    // A stream does not end: what is checked is its first event, or what came in two seconds. The stream is then spent.
    private static async Task<string> FirstEventAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(TimeSpan.FromSeconds(2));
        var read = new StringBuilder();
        try
        {
            while (await reader.ReadLineAsync(wait.Token) is { } line && !(line.Length == 0 && read.ToString().Contains("data:", StringComparison.Ordinal)))
            {
                read.AppendLine(line);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }

        // The test still reads the body: it gets what the check read, with the stream's headers.
        var spent = response.Content;
        response.Content = new StringContent(read.ToString());
        response.Content.Headers.Clear();
        foreach (var (name, values) in spent.Headers)
        {
            response.Content.Headers.TryAddWithoutValidation(name, values);
        }

        spent.Dispose();
        return read.ToString();
    }
}
