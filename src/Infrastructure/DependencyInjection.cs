using Microsoft.Extensions.Configuration;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Infrastructure.Auth;
using TaskManager.Infrastructure.Persistence;
using TaskManager.Infrastructure.Persistence.Idempotency;
using TaskManager.Infrastructure.Persistence.Postgres;
using TaskManager.Infrastructure.Persistence.Sqlite;
using TaskManager.Infrastructure.Persistence.SqlServer;
using TaskManager.Infrastructure.Sync;

namespace TaskManager.Infrastructure;

public static class DependencyInjection
{
    // Transient failures (a restart, a fail-over) are retried briefly; a request never waits long for a database that is down.
    private const int MaxRetries = 2;
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(1);

    public static IServiceCollection AddInfrastructure(
        this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section));
        var database = DatabaseConnection.From(configuration, environment.ContentRootPath);
        services.AddSingleton(database);
        switch (database.Provider)
        {
            case DatabaseProvider.Postgres:
                services.AddTaskManagerDbContext<PostgresTaskManagerDbContext>((_, options) => options.UseNpgsql(
                    database.ConnectionString, npgsql => npgsql.EnableRetryOnFailure(MaxRetries, MaxRetryDelay, null))
                    .AddInterceptors(ConnectionPerLease.Instance));
                break;
            case DatabaseProvider.SqlServer:
                services.AddTaskManagerDbContext<SqlServerTaskManagerDbContext>((_, options) => options.UseSqlServer(
                    database.ConnectionString, sql => sql.EnableRetryOnFailure(MaxRetries, MaxRetryDelay, null))
                    .AddInterceptors(ConnectionPerLease.Instance));
                break;
            default:
                services.AddSingleton<OpenSqliteConnections>();
                services.AddTaskManagerDbContext<SqliteTaskManagerDbContext>((provider, options) => ContextBoundSqliteConnection
                    .Use(options.UseSqlite(database.ConnectionString), provider.GetRequiredService<OpenSqliteConnections>())
                    .AddInterceptors(SqliteConnectionSetup.Instance, SqliteStatementCache.Instance));
                break;
        }

        services.AddScoped<ITaskRepository, TaskRepository>();
        services.AddSync(configuration, database);
        services.AddOptions<IdempotencyOptions>().Bind(configuration.GetSection(IdempotencyOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<IdempotencyStore>();
        services.AddScoped<IIdempotencyStore>(sp => sp.GetRequiredService<IdempotencyStore>());
        services.AddHostedService<IdempotencyPurge>();
        services.AddHealthChecks().AddDbContextCheck<TaskManagerDbContext>("database", tags: ["ready"]);

        services.AddJwtAuthentication(configuration);
        return services;
    }

    private static void AddTaskManagerDbContext<TContext>(this IServiceCollection services, Action<IServiceProvider, DbContextOptionsBuilder> configure)
        where TContext : TaskManagerDbContext
    {
        services.AddDbContextPool<TContext>(configure);
        services.AddScoped<TaskManagerDbContext>(sp => sp.GetRequiredService<TContext>());
    }
}
