using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace TaskManager.WebApi.Idempotency;

/// <summary>
/// What a request asks for: its method, its route (the action and every route value) and its body as the action
/// received it. So member order, white space and ignored members make no difference, and neither do no body, an empty
/// body and <c>{}</c>; an absent member and a null one do (the request types keep them apart).
/// </summary>
internal static class RequestFingerprint
{
    // Every member of the request types as it is, Optional's HasValue included, whatever the wire's naming.
    private static readonly JsonSerializerOptions Canonical = new() { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    /// <summary>A SHA-256 of the request's meaning, in lower-case hex.</summary>
    public static string Of(ActionExecutingContext context)
    {
        var text = new StringBuilder(context.HttpContext.Request.Method).Append('\n');
        foreach (var (name, value) in context.RouteData.Values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            text.Append(name).Append('=').Append(value).Append('\n');
        }

        foreach (var parameter in context.ActionDescriptor.Parameters.Where(p => p.BindingInfo?.BindingSource == BindingSource.Body))
        {
            var type = parameter.ParameterType;
            var body = context.ActionArguments.TryGetValue(parameter.Name, out var bound) && bound is not null
                ? bound
                : type.IsValueType ? Activator.CreateInstance(type) : null;
            text.Append(JsonSerializer.Serialize(body, type, Canonical));
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
