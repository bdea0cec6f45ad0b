namespace TaskManager.Infrastructure.Persistence;

public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string ConnectionStringName = "TaskManager";
    public const string DefaultSqliteConnectionString = "Data Source=taskmanager.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Applies pending migrations at start-up, so that a fresh clone creates its database on first run.</summary>
    public bool MigrateOnStartup { get; set; } = true;
}

public enum DatabaseProvider
{
    Sqlite,
}
