using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TaskManager.Infrastructure.Persistence.Sqlite;

/// <summary>Prepares every SQLite connection the context opens.</summary>
internal sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    // SQLite's own busy handler waits in small steps; without it the driver retries a locked write only every 150 ms.
    private const string Pragmas = "PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL;";

    public static SqliteConnectionSetup Instance { get; } = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (connection is SqliteConnection sqlite)
        {
            // SQLite's built-in lower() folds ASCII only; replacing it makes search and title order case-insensitive
            // for every script, as they are on PostgreSQL and SQL Server.
            sqlite.CreateFunction("lower", (string? value) => value?.ToLowerInvariant(), isDeterministic: true);
            using var command = sqlite.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }
    }

    // Microsoft.Data.Sqlite runs its async methods synchronously: one code path serves both.
    public override Task ConnectionOpenedAsync(
        DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ConnectionOpened(connection, eventData);
        return Task.CompletedTask;
    }
}
