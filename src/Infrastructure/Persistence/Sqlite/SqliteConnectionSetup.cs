using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace TaskManager.Infrastructure.Persistence.Sqlite;

/// <summary>Prepares every SQLite connection the context opens, once: the driver pools them, and so does EF.</summary>
internal sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    // SQLite's own busy handler waits in small steps; without it the driver retries a locked write only every 150 ms.
    private const string Pragmas = "PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL;";

    // Both sets hold what is already prepared and let it go with it: a wrapper is reused by a pooled context and keeps
    // its functions across opens; a native connection is reused by the driver's pool and keeps its pragmas.
    private readonly ConditionalWeakTable<SqliteConnection, object?> _withFunctions = [];
    private readonly ConditionalWeakTable<sqlite3, object?> _withPragmas = [];

    public static SqliteConnectionSetup Instance { get; } = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (connection is not SqliteConnection sqlite)
        {
            return;
        }

        // TryGetValue first: it takes no lock, and after warm-up every connection is already prepared.
        if (!_withFunctions.TryGetValue(sqlite, out _) && _withFunctions.TryAdd(sqlite, null))
        {
            // SQLite's built-in lower() folds ASCII only; replacing it makes search and title order case-insensitive
            // for every script, as they are on PostgreSQL and SQL Server.
            sqlite.CreateFunction("lower", (string? value) => value?.ToLowerInvariant(), isDeterministic: true);
        }

        if (sqlite.Handle is { } handle && !_withPragmas.TryGetValue(handle, out _) && _withPragmas.TryAdd(handle, null))
        {
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
