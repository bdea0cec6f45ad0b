using Microsoft.Extensions.Configuration;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Infrastructure.Persistence;

namespace TaskManager.Infrastructure.Sync;

internal static class SyncSetup
{
    /// <summary>The feed, the readers' wake-ups and, per provider, how they hear of other instances' changes.</summary>
    public static IServiceCollection AddSync(this IServiceCollection services, IConfiguration configuration, DatabaseConnection database)
    {
        services.AddOptions<SyncOptions>().Bind(configuration.GetSection(SyncOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ChangeSignals>();
        services.AddSingleton<IChangeSignals>(sp => sp.GetRequiredService<ChangeSignals>());
        services.AddScoped<IChangeFeed, ChangeFeed>();
        services.AddSingleton<TombstonePurger>();
        services.AddHostedService(sp => sp.GetRequiredService<TombstonePurger>());
        switch (database.Provider)
        {
            case DatabaseProvider.Postgres:
                services.AddHostedService(sp => new PostgresChangeListener(
                    database.ConnectionString, sp.GetRequiredService<ChangeSignals>(), sp.GetRequiredService<ILogger<PostgresChangeListener>>()));
                break;
            case DatabaseProvider.SqlServer:
                services.AddSingleton<SequencePoller>();
                services.AddHostedService(sp => sp.GetRequiredService<SequencePoller>());
                break;
        }

        return services;
    }
}
