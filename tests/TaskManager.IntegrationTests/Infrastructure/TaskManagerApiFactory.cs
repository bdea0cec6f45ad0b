using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TaskManager.IntegrationTests.Infrastructure;

/// <summary>The real API in process, on a database file of its own that is deleted afterwards.</summary>
public sealed class TaskManagerApiFactory : WebApplicationFactory<Program>
{
    public const string Secret = "integration-tests-only-secret-0123456789abcdef";

    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"taskmanager-tests-{Guid.NewGuid():N}.db");
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    /// <param name="settings">Configuration on top of the defaults; a null value unsets a key.</param>
    /// <param name="environment">The hosting environment.</param>
    /// <param name="services">Replaces or adds services after the API's own registrations.</param>
    public TaskManagerApiFactory(
        IDictionary<string, string?>? settings = null, string environment = "Testing", Action<IServiceCollection>? services = null)
    {
        Environment = environment;
        _services = services;
        _settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:TaskManager"] = $"Data Source={_databasePath}",
            // Both names, so that a BETTER_AUTH_SECRET in the developer's shell cannot leak into the tests.
            ["Auth:Secret"] = Secret,
            ["BETTER_AUTH_SECRET"] = Secret,
            // Off unless a test turns it on, whatever the developer's shell holds.
            ["BETTER_AUTH_URL"] = null,
            ["Auth:Authority"] = null,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public string Environment { get; }

    public TestClock Clock { get; } = new();

    /// <summary>Everything the API logged at the configured levels.</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>A client that sends a valid token for <paramref name="userId"/>.</summary>
    public HttpClient ClientFor(string userId) => ClientWithToken(Tokens.Valid(userId));

    public HttpClient ClientWithToken(string? token)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        }

        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            // At the configured levels; a test that needs more raises them through `services`.
            services.AddSingleton<ILoggerProvider>(Logs);
            _services?.Invoke(services);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_databasePath + suffix);
        }
    }
}
