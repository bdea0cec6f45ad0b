using TaskManager.Infrastructure.Sync;

namespace TaskManager.Infrastructure.Persistence.Postgres;

public sealed class PostgresTaskManagerDbContext(DbContextOptions<PostgresTaskManagerDbContext> options) : TaskManagerDbContext(options)
{
    // pg_notify is sent by the server at commit, and only then: every instance's listener hears of the change once it is
    // readable ("sequence:user", see PostgresChangeListener).
    private static readonly string Sql = UpsertChangeSql("timestamp with time zone")
        + $"\nSELECT pg_notify('{PostgresChangeListener.Channel}', last_sequence || ':' || user_id) FROM change_counters WHERE user_id = {{0}};";

    protected internal override string RecordChangeSql => Sql;
}
