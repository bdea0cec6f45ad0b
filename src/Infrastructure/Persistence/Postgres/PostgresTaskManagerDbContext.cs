using Microsoft.EntityFrameworkCore;
using TaskManager.Infrastructure.Sync;

namespace TaskManager.Infrastructure.Persistence.Postgres;

public sealed class PostgresTaskManagerDbContext(DbContextOptions<PostgresTaskManagerDbContext> options) : TaskManagerDbContext(options)
{
    // The casts type the deletion time when it is null. pg_notify is sent by the server at commit, and only then: every
    // instance's listener hears of the change once it is readable ("sequence:user", see PostgresChangeListener).
    protected internal override string RecordChangeSql { get; } =
        $$"""
        INSERT INTO change_counters (user_id, last_sequence, forgotten_through) VALUES ({0}, 1, 0)
        ON CONFLICT (user_id) DO UPDATE SET last_sequence = change_counters.last_sequence + 1;
        INSERT INTO task_changes (task_id, user_id, sequence, deleted_at)
        SELECT {1}, user_id, last_sequence, CAST({2} AS timestamp with time zone) FROM change_counters WHERE user_id = {0}
        ON CONFLICT (task_id) DO UPDATE SET sequence = excluded.sequence, deleted_at = excluded.deleted_at;
        SELECT pg_notify('{{PostgresChangeListener.Channel}}', last_sequence || ':' || user_id) FROM change_counters WHERE user_id = {0};
        """;
}
