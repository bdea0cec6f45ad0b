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
            RegisterFunctions(sqlite);
            using var command = sqlite.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }
    }

    public override async Task ConnectionOpenedAsync(
        DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (connection is SqliteConnection sqlite)
        {
            RegisterFunctions(sqlite);
            await using var command = sqlite.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    // SQLite's built-in lower() folds ASCII only; replacing it makes search and title order case-insensitive
    // for every script, as they are on PostgreSQL and SQL Server.
    private static void RegisterFunctions(SqliteConnection sqlite) =>
        sqlite.CreateFunction("lower", (string? value) => value?.ToLowerInvariant(), isDeterministic: true);
}
