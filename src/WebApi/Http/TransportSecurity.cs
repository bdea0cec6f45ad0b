using Microsoft.AspNetCore.HttpOverrides;
using TaskManager.WebApi.Errors;

namespace TaskManager.WebApi.Http;

/// <summary>
/// Headers every response carries, HTTPS where an operator requires it, and the client's real address behind a proxy.
/// Never a redirect to HTTPS: browsers follow it without the Authorization header, the original system's defect.
/// </summary>
internal static class TransportSecurity
{
    public static IServiceCollection AddTransportSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the proxies named here are believed; with none named, only a proxy on loopback is.
            foreach (var proxy in configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [])
            {
                options.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
        });
        services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        return services;
    }

    public static WebApplication UseTransportSecurity(this WebApplication app)
    {
        if (app.Configuration.GetValue("ForwardedHeaders:Enabled", false))
        {
            app.UseForwardedHeaders();
        }

        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                if (ServedPaths.ReachesTasks(context.Request.Path))
                {
                    // One user's tasks must never be served from a shared cache to another; the browser revalidates with the ETag.
                    headers.CacheControl = "private, no-cache";
                    headers.Append("Vary", "Authorization");
                }

                return Task.CompletedTask;
            });
            return next(context);
        });

        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        if (app.Configuration.GetValue("Https:Required", false))
        {
            app.Use(async (context, next) =>
            {
                if (context.Request.IsHttps || !ServedPaths.ReachesTasks(context.Request.Path))
                {
                    await next(context);
                    return;
                }

                await ProblemJsonWriter.RespondAsync(
                    context,
                    StatusCodes.Status400BadRequest,
                    "This API is served over HTTPS only. Send the request to the https:// address; it is not redirected.");
            });
        }

        return app;
    }
}
