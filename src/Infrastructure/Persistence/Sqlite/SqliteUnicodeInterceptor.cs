using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TaskManager.Infrastructure.Persistence.Sqlite;

/// <summary>
/// SQLite's built-in lower() folds ASCII only; replacing it makes search and title order case-insensitive
/// for every script, as they are on PostgreSQL and SQL Server.
/// </summary>
internal sealed class SqliteUnicodeInterceptor : DbConnectionInterceptor
{
    public static SqliteUnicodeInterceptor Instance { get; } = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Register(connection);

    public override Task ConnectionOpenedAsync(
        DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Register(connection);
        return Task.CompletedTask;
    }

    private static void Register(DbConnection connection)
    {
        if (connection is SqliteConnection sqlite)
        {
            sqlite.CreateFunction("lower", (string? value) => value?.ToLowerInvariant(), isDeterministic: true);
        }
    }
}
