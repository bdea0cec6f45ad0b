namespace TaskManager.Infrastructure.Persistence;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Applies pending migrations at start-up, so that a fresh clone creates its database on first run.</summary>
    public bool MigrateOnStartup { get; set; } = true;
}

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    Postgres,
}
