using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;
using SQLitePCL;

namespace TaskManager.Infrastructure;

/// <summary>
/// Tells a database that cannot serve for now (unreachable, restarting, out of connections, busy: worth a retry) from
/// one that refused what it was sent (a bug). What a request sends can cause only the second, so no client can fake
/// an outage.
/// </summary>
public static class DatabaseFailure
{
    // SQL Server's numbers for a command timeout, a database it cannot open and a refused login.
    private static readonly int[] SqlServerUnavailable = [-2, 4060, 18456];

    /// <summary>Whether <paramref name="exception"/> means the database is unavailable, rather than that it refused a command.</summary>
    public static bool IsOutage(Exception exception) => exception switch
    {
        // The retrying execution strategy gave up on failures it judged transient.
        RetryLimitExceededException or TimeoutException => true,
        DbUpdateException { InnerException: { } inner } => IsOutage(inner),
        SqliteException sqlite => (sqlite.SqliteErrorCode & 0xFF)
            is raw.SQLITE_BUSY or raw.SQLITE_LOCKED or raw.SQLITE_CANTOPEN or raw.SQLITE_IOERR or raw.SQLITE_FULL,
        // Class 20 and above: the connection is broken.
        SqlException sql => sql.Class >= 20 || SqlServerUnavailable.Contains(sql.Number),
        // Npgsql's own judgement (connection lost, server shutting down, too many clients, disk full, deadlock), and
        // a session the server will not open: connection exceptions (08), refused credentials (28), no such database.
        DbException database => database.IsTransient
            || database.SqlState is { } state && (state.StartsWith("08", StringComparison.Ordinal)
                || state.StartsWith("28", StringComparison.Ordinal) || state == "3D000"),
        _ => false,
    };
}
