using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TaskManager.Infrastructure.Persistence.Postgres;
using TaskManager.Infrastructure.Persistence.SqlServer;

namespace TaskManager.IntegrationTests.Infrastructure;

/// <summary>
/// Fails the API's next write once with an error its execution strategy retries: before the write reaches the
/// database, or after the database has committed it (the acknowledgement lost on the way back, the ambiguous case).
/// </summary>
public sealed partial class WriteFailure(TestDatabase database) : DbCommandInterceptor
{
    private const int Idle = 0;
    private const int BeforeCommit = 1;
    private const int AfterCommit = 2;

    private int _armed;
    private int _writesToPass;

    /// <summary>Whether the armed failure has been thrown.</summary>
    public bool Thrown => Volatile.Read(ref _armed) == Idle;

    /// <summary>Adds this interceptor to the API's database context.</summary>
    public void AddTo(IServiceCollection services)
    {
        switch (database)
        {
            case TestDatabase.Postgres:
                services.ConfigureDbContext<PostgresTaskManagerDbContext>(options => options.AddInterceptors(this));
                break;
            case TestDatabase.SqlServer:
                services.ConfigureDbContext<SqlServerTaskManagerDbContext>(options => options.AddInterceptors(this));
                break;
            default:
                throw new InvalidOperationException("SQLite's execution strategy does not retry: no write of it is ambiguous.");
        }
    }

    /// <param name="afterCommit">Whether the failure hides a commit.</param>
    /// <param name="writesToPass">How many writes succeed before the one that fails.</param>
    public void FailNextWrite(bool afterCommit, int writesToPass = 0)
    {
        Volatile.Write(ref _writesToPass, writesToPass);
        Volatile.Write(ref _armed, afterCommit ? AfterCommit : BeforeCommit);
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
        Disarm(command, BeforeCommit) ? throw Transient() : ValueTask.FromResult(result);

    public override async ValueTask<DbDataReader> ReaderExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        if (!Disarm(command, AfterCommit))
        {
            return result;
        }

        // Reading the rest of the answer waits for the end of the implicit transaction: the write is committed.
        await result.DisposeAsync();
        throw Transient();
    }

    // Each write is counted once, as it starts.
    private bool Disarm(DbCommand command, int when) =>
        Write().IsMatch(command.CommandText) && Volatile.Read(ref _armed) != Idle
        && (when == BeforeCommit ? Interlocked.Decrement(ref _writesToPass) : Volatile.Read(ref _writesToPass)) < 0
        && Interlocked.CompareExchange(ref _armed, Idle, when) == when;

    private Exception Transient() => database == TestDatabase.Postgres
        ? new NpgsqlException("Injected: the connection was lost.", new IOException("Injected."))
        : new TimeoutException("Injected: the connection was lost.");

    [GeneratedRegex(@"\b(INSERT|UPDATE|DELETE)\b")]
    private static partial Regex Write();
}
