using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace TaskManager.Infrastructure.Persistence.Sqlite;

public sealed class SqliteTaskManagerDbContext(DbContextOptions<SqliteTaskManagerDbContext> options) : TaskManagerDbContext(options)
{
    // SQLite lets one writer in at a time, and a writer that finds the file locked sleeps (a millisecond, then longer)
    // before it tries again. Queuing this process's writers per database file hands the lock straight on instead;
    // another process writing the same file still waits through busy_timeout.
    private static readonly ConcurrentDictionary<string, SqliteWriterQueue> Writers = new(StringComparer.Ordinal);

    // A pooled context keeps its options, and so its file, for life.
    private SqliteWriterQueue? _writers;

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var writers = _writers ??= Writers.GetOrAdd(
            new SqliteConnectionStringBuilder(Database.GetConnectionString()).DataSource, static _ => new SqliteWriterQueue());
        int saved;
        await writers.Turn.WaitAsync(cancellationToken);
        try
        {
            saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            writers.Turn.Release();
        }

        if (writers.IsCheckpointDue())
        {
            // Out of the queue, the next writers commit while the log is folded into the database. Not cancellable:
            // the save has committed, and a request cancelled now must not be told otherwise.
            await Database.ExecuteSqlRawAsync(SqliteWriterQueue.CheckpointSql, CancellationToken.None);
        }

        return saved;
    }
}
