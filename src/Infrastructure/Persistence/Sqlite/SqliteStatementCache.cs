using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TaskManager.Infrastructure.Persistence.Sqlite;

/// <summary>
/// Compiles each distinct SQL text once per native connection instead of at every execution: EF creates, runs and
/// disposes a command per query, and Microsoft.Data.Sqlite compiles the statements of each new command. The commands
/// kept here belong to a connection that a pooled context keeps open (<see cref="ContextBoundSqliteConnection"/>) and
/// uses for one request at a time, reading each result before the next query (the repository's queries never nest);
/// EF's own command only lends its text, parameters and transaction.
/// </summary>
internal sealed class SqliteStatementCache : DbCommandInterceptor
{
    // The API runs a few dozen distinct statements (list shapes, single-task reads, writes); a bound keeps odd ones from piling up.
    private const int MaxCommandsPerConnection = 64;

    private readonly ConditionalWeakTable<SqliteConnection, Dictionary<string, SqliteCommand>> _commands = [];

    public static SqliteStatementCache Instance { get; } = new();

    public override InterceptionResult<DbDataReader> ReaderExecuting(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
        !result.HasResult && command is SqliteCommand { Connection: { } connection } template
            ? InterceptionResult<DbDataReader>.SuppressWithResult(Prepared(connection, template).ExecuteReader())
            : result;

    // Microsoft.Data.Sqlite executes synchronously whichever method is called.
    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(ReaderExecuting(command, eventData, result));
    }

    // The changes feed's statement runs as a non-query.
    public override InterceptionResult<int> NonQueryExecuting(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result) =>
        !result.HasResult && command is SqliteCommand { Connection: { } connection } template
            ? InterceptionResult<int>.SuppressWithResult(Prepared(connection, template).ExecuteNonQuery())
            : result;

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(NonQueryExecuting(command, eventData, result));
    }

    private SqliteCommand Prepared(SqliteConnection connection, SqliteCommand template)
    {
        var commands = _commands.GetValue(connection, static _ => new Dictionary<string, SqliteCommand>(StringComparer.Ordinal));
        if (!commands.TryGetValue(template.CommandText, out var prepared))
        {
            if (commands.Count == MaxCommandsPerConnection)
            {
                foreach (var stale in commands.Values)
                {
                    stale.Dispose();
                }

                commands.Clear();
            }

            prepared = connection.CreateCommand();
            prepared.CommandText = template.CommandText;
            commands.Add(template.CommandText, prepared);
        }

        prepared.Parameters.Clear();
        foreach (SqliteParameter parameter in template.Parameters)
        {
            prepared.Parameters.Add(parameter);
        }

        prepared.Transaction = template.Transaction;
        prepared.CommandTimeout = template.CommandTimeout;
        return prepared;
    }
}
