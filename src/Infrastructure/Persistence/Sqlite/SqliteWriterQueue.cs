namespace TaskManager.Infrastructure.Persistence.Sqlite;

/// <summary>
/// This process's writers of one database file, in turn; and when to fold the write-ahead log back into the file.
/// SQLite folds it inside the commit that fills it, so inside the turn, where every other writer waits for it (most of
/// a POST's time in the turn, in the benchmark's profile). Here the writer whose save makes a checkpoint due runs it
/// after its turn, beside the next writers; SQLite's own (<c>wal_autocheckpoint</c>, see
/// <see cref="SqliteConnectionSetup"/>) is raised to 4,000 pages and only comes when readers and writers never leave
/// this one room to finish.
/// </summary>
internal sealed class SqliteWriterQueue
{
    /// <summary>Copies what it can without waiting for readers or writers, and never blocks them.</summary>
    public const string CheckpointSql = "PRAGMA wal_checkpoint(PASSIVE)";

    // A save writes a dozen pages or so: about SQLite's default of a checkpoint per thousand pages.
    private const int SavesPerCheckpoint = 64;

    private int _saves;

    public SemaphoreSlim Turn { get; } = new(1, 1);

    public bool IsCheckpointDue() => Interlocked.Increment(ref _saves) % SavesPerCheckpoint == 0;
}
