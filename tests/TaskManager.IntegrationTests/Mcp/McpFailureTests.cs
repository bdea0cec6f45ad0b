using Microsoft.Extensions.DependencyInjection;
using TaskManager.Application.Common.Interfaces;
using TaskManager.IntegrationTests.Infrastructure;

namespace TaskManager.IntegrationTests.Mcp;

/// <summary>What fails below the tools (the database, a bug) is a tool result a model can read, never a 500 or internals.</summary>
public sealed class McpFailureTests
{
    [Test]
    public async Task ToolCall_WhenTheDatabaseIsUnreachable_IsAToolError_SayingToTryAgain()
    {
        using var factory = TaskManagerApiFactory.WithUnreachableDatabase();
        await using var mcp = await factory.ConnectAsync(Tokens.Valid(Api.NewUserId()));

        var result = await mcp.CallAsync("add_task", """{"title":"t"}""");

        Assert.That(result.IsError, Is.True);
        Assert.That(result.Text(), Is.EqualTo("The database is unavailable. Try again shortly."));
    }

    [Test]
    public async Task ToolCall_WhenSomethingUnexpectedFails_IsAToolError_WithNoInternals_AndIsLogged()
    {
        using var factory = new TaskManagerApiFactory(services: services => services.AddScoped<ICurrentUser, BrokenCurrentUser>());
        await using var mcp = await factory.ConnectAsync(Tokens.Valid(Api.NewUserId()));

        var result = await mcp.CallAsync("list_tasks");

        Assert.That(result.IsError, Is.True);
        Assert.That(result.Text(), Is.EqualTo("The tool failed unexpectedly; the failure is logged."));
        Assert.That(factory.Logs.Entries, Has.Some.Contains("Tool list_tasks failed unexpectedly").And.Some.Contains(BrokenCurrentUser.Failure));
    }

    private sealed class BrokenCurrentUser : ICurrentUser
    {
        public const string Failure = "a bug below the tools";

        public string UserId => throw new InvalidOperationException(Failure);
    }
}
