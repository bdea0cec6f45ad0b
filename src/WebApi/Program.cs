using Microsoft.Extensions.Options;
using Scalar.AspNetCore;
using TaskManager.Application;
using TaskManager.Application.Common.Behaviors;
using TaskManager.Application.Tasks.Commands.CreateTask;
using TaskManager.Infrastructure;
using TaskManager.Infrastructure.Auth;
using TaskManager.Infrastructure.Persistence;
using TaskManager.WebApi.Auth;
using TaskManager.WebApi.Controllers;
using TaskManager.WebApi.Errors;
using TaskManager.WebApi.Http;
using TaskManager.WebApi.Mcp;
using TaskManager.WebApi.OpenApi;
using TaskManager.WebApi.Sync;

var builder = WebApplication.CreateBuilder(args);

builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    kestrel.Limits.MaxRequestBodySize = RequestLimits.MaxBytes;
});

builder.Services.Configure<HostOptions>(options =>
    options.ShutdownTimeout = TimeSpan.FromSeconds(builder.Configuration.GetValue("Shutdown:TimeoutSeconds", 30)));
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddApplication();
builder.Services.AddInfrastructure(builder.Configuration, builder.Environment);
// The generated registration of every handler, with validation in front of each.
builder.Services.AddMediator(options =>
{
    options.ServiceLifetime = ServiceLifetime.Scoped;
    options.Assemblies = [typeof(CreateTaskCommand)];
    options.PipelineBehaviors = [typeof(ValidationBehavior<,>)];
});
builder.Services.AddPathUserAuthorization();
builder.Services.AddProblemResponses();
builder.Services.AddTaskControllers();
builder.Services.AddSingleton<LiveStreams>();
builder.Services.AddTaskManagerOpenApi();
builder.Services.AddTaskManagerRateLimiting(builder.Configuration);
builder.Services.AddTransportSecurity(builder.Configuration);
builder.Services.AddTaskManagerCors(builder.Configuration);
builder.Services.AddTaskManagerMcp();

var app = builder.Build();

if (args is ["token", var userId, ..])
{
    // `dotnet run --project src/WebApi -- token alice` prints a one-hour token for alice, signed with the configured secret.
    var auth = app.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
    try
    {
        Console.WriteLine(DevelopmentTokens.Create(auth, userId, TimeSpan.FromHours(1), TimeProvider.System));
        return 0;
    }
    catch (InvalidOperationException e)
    {
        await Console.Error.WriteLineAsync(e.Message);
        return 1;
    }
}

app.UseRequestLogging();
app.UseTransportSecurity();
app.UseProblemResponses();
// Before authentication: a preflight carries no token and is answered here; other responses of an allowed origin,
// 401 and 403 included, get their CORS headers as they start.
app.UseCors();
app.UseAuthentication();
// After authentication, to know the subject; before authorization, so that failed-auth traffic is limited per address.
app.UseRateLimiter();
app.UseAuthorization();
app.UseRequestLimits();
app.UseMcpRequestChecks();

app.MapControllers();
app.MapTaskManagerMcp();
app.MapHealthChecks("/health/live", HealthChecks.Live);
app.MapHealthChecks("/health/ready", HealthChecks.Ready);
app.MapHealthChecks("/health", HealthChecks.Ready);
app.MapOpenApi();
if (app.Configuration.GetValue("Docs:Enabled", app.Environment.IsDevelopment()))
{
    // The bearer scheme is preselected: paste a token under Authentication once and every "Test Request" sends it.
    app.MapScalarApiReference("/docs", options => options
        .WithTitle("TaskManager API")
        .AddPreferredSecuritySchemes(OpenApiSetup.SecuritySchemeName)
        .EnablePersistentAuthentication());
}

// Fails fast, before touching the database, with the reason the configuration is refused (every ValidateOnStart).
app.Services.GetRequiredService<IStartupValidator>().Validate();
app.Services.LogAcceptedTokens();
await app.Services.InitializeDatabaseAsync();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the in-process test host.</summary>
public partial class Program;
