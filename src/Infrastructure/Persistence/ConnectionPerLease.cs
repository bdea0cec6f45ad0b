using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TaskManager.Infrastructure.Persistence;

/// <summary>
/// Keeps a server's connection open from a context's first query until the pool takes the context back: EF opens and
/// closes around every query, so a write (its read, then its save) or a list (its page, then its count) took the
/// connection from the driver's pool twice. The pool's reset closes the connection without asking interceptors.
/// </summary>
internal sealed class ConnectionPerLease : DbConnectionInterceptor
{
    public static ConnectionPerLease Instance { get; } = new();

    public override InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        InterceptionResult.Suppress();

    public override ValueTask<InterceptionResult> ConnectionClosingAsync(
        DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        ValueTask.FromResult(InterceptionResult.Suppress());
}
