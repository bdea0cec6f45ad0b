using System.Data.Common;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using TaskManager.Infrastructure.Persistence.Postgres;
using TaskManager.Infrastructure.Persistence.Sqlite;
using TaskManager.Infrastructure.Persistence.SqlServer;
using TaskManager.IntegrationTests.Infrastructure;

namespace TaskManager.IntegrationTests.Database;

/// <summary>
/// A database error that is not an outage (it refused the command it was sent) is a bug: a 500 with a trace_id,
/// logged as an error, never a 503 that a client could provoke to fake an outage. A real outage stays a 503.
/// The errors are the database's own, provoked by rewriting the API's commands.
/// </summary>
[TestFixtureSource(typeof(TestDatabases), nameof(TestDatabases.All))]
public sealed class DatabaseErrorTests(TestDatabase database)
{
    private readonly CommandRewriter _rewriter = new();
    private TaskManagerApiFactory _factory = null!;
    private string _user = null!;
    private HttpClient _client = null!;

    /// <summary>A command that leaves the database able to serve, and one that finds it unable to (an outage of its own kind).</summary>
    private (string Refused, string Unavailable) Commands => database switch
    {
        // pg_terminate_backend: the server closes the session (57P01), which Npgsql counts transient and EF retries.
        TestDatabase.Postgres => ("SELECT * FROM no_such_table", "SELECT pg_terminate_backend(pg_backend_pid())"),
        // Severity 20 ends the session (unverified here: no SQL Server runs on the machines this was written on).
        TestDatabase.SqlServer => ("SELECT * FROM no_such_table", "RAISERROR('gone', 20, 1) WITH LOG"),
        // A file SQLite cannot open (SQLITE_CANTOPEN), as when its directory has gone.
        _ => ("SELECT * FROM no_such_table", "ATTACH DATABASE '/no/such/directory/gone.db' AS gone"),
    };

    [OneTimeSetUp]
    public void StartApi() => _factory = new TaskManagerApiFactory(database: database, services: services =>
    {
        _ = database switch
        {
            TestDatabase.Postgres => services.ConfigureDbContext<PostgresTaskManagerDbContext>(o => o.AddInterceptors(_rewriter)),
            TestDatabase.SqlServer => services.ConfigureDbContext<SqlServerTaskManagerDbContext>(o => o.AddInterceptors(_rewriter)),
            _ => services.ConfigureDbContext<SqliteTaskManagerDbContext>(o => o.AddInterceptors(_rewriter)),
        };
    });

    [OneTimeTearDown]
    public void StopApi() => _factory.Dispose();

    [SetUp]
    public async Task NewUserWithATask()
    {
        _user = Api.NewUserId();
        _client = _factory.ClientFor(_user);
        await _client.CreateTaskAsync(_user);
    }

    [TearDown]
    public void Disarm()
    {
        _rewriter.Replacement = null;
        _client.Dispose();
    }

    [Test]
    public async Task List_WhenTheDatabaseRefusesTheQuery_Returns500WithTraceIdAndLogsTheError()
    {
        _rewriter.Replacement = Commands.Refused;

        using var response = await _client.GetAsync(Api.TasksPath(_user));

        await AssertBugAsync(response);
    }

    [Test]
    public async Task Create_WhenTheDatabaseRefusesTheInsert_Returns500AndWritesNothing()
    {
        _rewriter.Replacement = Commands.Refused;

        using var response = await _client.PostAsync(Api.TasksPath(_user), Api.Json("""{"title":"refused"}"""));

        await AssertBugAsync(response);
        _rewriter.Replacement = null;
        using var list = await _client.GetAsync(Api.TasksPath(_user));
        Assert.That((await list.BodyAsync()).GetArrayLength(), Is.EqualTo(1));
    }

    [Test]
    public async Task List_WhenTheDatabaseCannotServe_Returns503WithRetryAfter()
    {
        _rewriter.Replacement = Commands.Unavailable;

        using var response = await _client.GetAsync(Api.TasksPath(_user));

        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.That(response.Headers.RetryAfter, Is.Not.Null);
    }

    private async Task AssertBugAsync(HttpResponseMessage response)
    {
        var problem = await response.AssertProblemAsync(HttpStatusCode.InternalServerError);
        var traceId = problem.GetProperty("trace_id").GetString()!;
        Assert.Multiple(() =>
        {
            Assert.That(response.Headers.RetryAfter, Is.Null);
            Assert.That(problem.TryGetProperty("detail", out _), Is.False, "a 500 says nothing but its trace_id");
            Assert.That(_factory.Logs.Entries, Has.Some.StartsWith("Error ").And.Contains("answering 500").And.Contains("no_such_table"));
            Assert.That(_factory.Logs.Entries, Has.Some.Contains("StatusCode=500").And.Contains($"TraceId={traceId}"));
        });
    }

    /// <summary>
    /// While armed, sends <see cref="Replacement"/> instead of each command the API sends. It rewrites the command as
    /// EF finishes initialising it, before any interceptor executes it (the SQLite statement cache runs it itself).
    /// </summary>
    private sealed class CommandRewriter : DbCommandInterceptor
    {
        public volatile string? Replacement;

        public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
        {
            if (Replacement is { } replacement)
            {
                result.CommandText = replacement;
            }

            return result;
        }
    }
}
