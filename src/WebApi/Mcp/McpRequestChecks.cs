using System.Text.Json;
using Microsoft.Net.Http.Headers;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using TaskManager.WebApi.Errors;

namespace TaskManager.WebApi.Mcp;

/// <summary>
/// What the SDK's transport assumes of a POST to /mcp, checked before it reads the body: JSON in UTF-8 (else 415),
/// well-formed, with every name and string readable as text, of the types the protocol gives (else 400). Without this the transport fails with a 500,
/// or answers with its parser's message, which names .NET types. Argument values of a tools/call are left to
/// <see cref="UnreadableArguments"/>, which names the argument.
/// </summary>
internal static class McpRequestChecks
{
    public static IApplicationBuilder UseMcpRequestChecks(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (HttpMethods.IsPost(request.Method) && request.Path.StartsWithSegments(McpSetup.Path))
            {
                if (!IsUtf8Json(request.ContentType))
                {
                    throw new BadHttpRequestException(
                        "The body must be a JSON-RPC message in UTF-8, sent as Content-Type: application/json.",
                        StatusCodes.Status415UnsupportedMediaType);
                }

                // Read twice: here, then by the transport. The body is capped (RequestLimits) before it gets here.
                request.EnableBuffering();
                await CheckAsync(request.Body, context.RequestAborted);
                request.Body.Position = 0;
                try
                {
                    await next(context);
                }
                catch (JsonException) when (!context.Response.HasStarted)
                {
                    // The transport reads some messages itself (initialize, in stateless mode) and throws on members of the wrong type.
                    throw new BadRequestException("The request body is not a valid MCP message.");
                }

                return;
            }

            await next(context);
        });

    private static async Task CheckAsync(Stream body, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(body, default, cancellationToken);
        }
        catch (JsonException)
        {
            throw new BadRequestException("The request body is not valid JSON.");
        }

        using (document)
        {
            if (!IsMessageText(document.RootElement))
            {
                throw new BadRequestException("The request body holds a string that is not valid Unicode text.");
            }

            // Read as the transport will read it: its own refusal would quote its parser, which names .NET types.
            try
            {
                _ = document.RootElement.Deserialize(McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonRpcMessage)));
            }
            catch (Exception exception) when (exception is JsonException or ArgumentException or InvalidOperationException or FormatException)
            {
                throw new BadRequestException(
                    "The request body is not a JSON-RPC 2.0 message: one object with jsonrpc \"2.0\", a string method, " +
                    "an id that is a string or a whole number, and params that are an object.");
            }
        }
    }

    // Every name, and every string but the values of params.arguments; an escaped lone surrogate (\ud800) is no text.
    private static bool IsMessageText(JsonElement message)
    {
        try
        {
            return message.ValueKind != JsonValueKind.Object
                ? IsText(message)
                : message.EnumerateObject().All(member => member.Name is "params" && member.Value.ValueKind == JsonValueKind.Object
                    ? member.Value.EnumerateObject().All(parameter => parameter.Name is "arguments" && parameter.Value.ValueKind == JsonValueKind.Object
                        ? parameter.Value.EnumerateObject().All(argument => argument.Name is not null)
                        : IsText(parameter.Value))
                    : member.Name is not null && IsText(member.Value));
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool IsText(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString() is not null,
        JsonValueKind.Array => element.EnumerateArray().All(IsText),
        JsonValueKind.Object => element.EnumerateObject().All(member => member.Name is not null && IsText(member.Value)),
        _ => true,
    };

    private static bool IsUtf8Json(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var type)
        && type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        && (!type.Charset.HasValue || type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));
}
