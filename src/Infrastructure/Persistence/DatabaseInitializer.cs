namespace TaskManager.Infrastructure.Persistence;

public static partial class DatabaseInitializer
{
    /// <summary>Applies migrations when configured to, and puts SQLite into WAL mode so readers never wait for a writer.</summary>
    public static async Task InitializeDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (!options.MigrateOnStartup)
        {
            return;
        }

        var provider = services.GetRequiredService<DatabaseConnection>().Provider;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaskManagerDbContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseInitializer));
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        LogMigrated(logger, provider);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database ({Provider}) is migrated and ready")]
    private static partial void LogMigrated(ILogger logger, DatabaseProvider provider);
}
