namespace TaskManager.Infrastructure.Persistence.Changes;

/// <summary>
/// What the migration that creates the feed runs once: every task that already exists becomes a change of its user
/// (in creation order), so that a full sync and every later increment see it. The same SQL on every provider.
/// </summary>
internal static class ChangesFeedBackfill
{
    public const string Sql =
        """
        INSERT INTO task_changes (task_id, user_id, sequence, deleted_at)
        SELECT id, user_id, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY created_at, id), NULL FROM tasks;
        INSERT INTO change_counters (user_id, last_sequence, forgotten_through)
        SELECT user_id, MAX(sequence), 0 FROM task_changes GROUP BY user_id;
        """;
}
