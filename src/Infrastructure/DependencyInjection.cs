using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Infrastructure.Auth;
using TaskManager.Infrastructure.Persistence;
using TaskManager.Infrastructure.Persistence.Sqlite;

namespace TaskManager.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(
        this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section));
        var connectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = DatabaseOptions.DefaultSqliteConnectionString;
        }

        var sqlite = SqliteConnectionStrings.Resolve(connectionString, environment.ContentRootPath);
        services.AddDbContextPool<SqliteTaskManagerDbContext>(options => options
            .UseSqlite(sqlite)
            .AddInterceptors(SqliteUnicodeInterceptor.Instance));
        services.AddScoped<TaskManagerDbContext>(sp => sp.GetRequiredService<SqliteTaskManagerDbContext>());
        services.AddScoped<ITaskRepository, TaskRepository>();
        services.AddHealthChecks().AddDbContextCheck<TaskManagerDbContext>("database", tags: ["ready"]);

        services.AddJwtAuthentication(configuration);
        return services;
    }
}

internal static class SqliteConnectionStrings
{
    /// <summary>A relative database file lives beside the app's content, wherever the process was started from.</summary>
    public static string Resolve(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } file && file != ":memory:" && !Path.IsPathRooted(file)
            && builder.Mode != SqliteOpenMode.Memory)
        {
            builder.DataSource = Path.Combine(contentRoot, file);
        }

        return builder.ToString();
    }
}
