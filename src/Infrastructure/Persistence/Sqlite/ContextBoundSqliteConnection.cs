using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Sqlite.Storage.Internal;
using Microsoft.EntityFrameworkCore.Storage;

namespace TaskManager.Infrastructure.Persistence.Sqlite;

/// <summary>
/// SQLite's connection service with its native connection kept open for the life of the pooled context that owns it.
/// EF Core's provider adds about a dozen functions (<c>regexp</c>, <c>ef_add</c>, ...) to each connection, and
/// Microsoft.Data.Sqlite creates them natively at every open and removes them at every close; EF opens and closes
/// around every query and again when the pool takes the context back. Opened once, the connection keeps its functions,
/// so a request pays for no open, no close and no function registration. SQLite holds no lock for an idle connection
/// (WAL, autocommit), and EF still ends every transaction and reader when a context goes back to the pool.
/// </summary>
// EF1001: the provider's own connection service, extended and put in its place; pinned by SqliteConnectionLifetimeTests.
#pragma warning disable EF1001
internal sealed class ContextBoundSqliteConnection : SqliteRelationalConnection
{
    private readonly OpenSqliteConnections? _open;
    private bool _disposing;

    public ContextBoundSqliteConnection(
        RelationalConnectionDependencies dependencies,
        IRawSqlCommandBuilder rawSqlCommandBuilder,
        IDiagnosticsLogger<DbLoggerCategory.Infrastructure> logger)
        : base(dependencies, rawSqlCommandBuilder, logger)
    {
        _open = dependencies.ContextOptions.FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider
            ?.GetService<OpenSqliteConnections>();
    }

    /// <summary>Puts this service in the provider's place.</summary>
    /// <param name="options">Options that use SQLite.</param>
    /// <param name="open">
    /// The application's registry, which each connection finds through the application's services. Taken here so that
    /// it is made before the context pool (which needs these options) and so disposed after it.
    /// </param>
    public static DbContextOptionsBuilder Use(DbContextOptionsBuilder options, OpenSqliteConnections open)
    {
        ArgumentNullException.ThrowIfNull(open);
        return options.ReplaceService<ISqliteRelationalConnection, ContextBoundSqliteConnection>();
    }

    public override void Dispose()
    {
        _disposing = true;
        try
        {
            base.Dispose();
        }
        finally
        {
            _disposing = false;
        }
    }

    public override async ValueTask DisposeAsync()
    {
        _disposing = true;
        try
        {
            await base.DisposeAsync();
        }
        finally
        {
            _disposing = false;
        }
    }

    protected override void OpenDbConnection(bool errorsExpected)
    {
        base.OpenDbConnection(errorsExpected);
        _open?.Add(this);
    }

    // Microsoft.Data.Sqlite opens synchronously whichever method is called.
    protected override Task OpenDbConnectionAsync(bool errorsExpected, CancellationToken cancellationToken)
    {
        OpenDbConnection(errorsExpected);
        return Task.CompletedTask;
    }

    // EF's closes after each query and at the pool's reset: the native connection stays; only disposal closes it.
    protected override void CloseDbConnection()
    {
        if (_disposing)
        {
            base.CloseDbConnection();
            _open?.Remove(this);
        }
    }

    protected override Task CloseDbConnectionAsync()
    {
        CloseDbConnection();
        return Task.CompletedTask;
    }
}
#pragma warning restore EF1001
