using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TaskManager.IntegrationTests.Infrastructure;

/// <summary>The real API in process, on a database of its own that is dropped afterwards.</summary>
public sealed class TaskManagerApiFactory : WebApplicationFactory<Program>
{
    public const string Secret = "integration-tests-only-secret-0123456789abcdef";

    private readonly Dictionary<string, string?> _settings;
    private readonly bool _ownsDatabase;
    private readonly Action<IServiceCollection>? _services;

    /// <param name="settings">Configuration on top of the defaults; a null value unsets a key.</param>
    /// <param name="environment">The hosting environment.</param>
    /// <param name="database">The kind of database the API gets a new one of.</param>
    /// <param name="databaseName">Share an existing database (created by another factory) instead of making one.</param>
    /// <param name="services">Replaces or adds services after the API's own registrations.</param>
    public TaskManagerApiFactory(
        IDictionary<string, string?>? settings = null,
        string environment = "Testing",
        TestDatabase database = TestDatabase.Sqlite,
        string? databaseName = null,
        Action<IServiceCollection>? services = null)
    {
        Environment = environment;
        _services = services;
        Database = database;
        _ownsDatabase = databaseName is null;
        DatabaseName = databaseName ?? $"taskmanager_test_{Guid.NewGuid():N}";
        _settings = TestDatabases.NewDatabaseSettings(database, DatabaseName);
        // Both names, so that a BETTER_AUTH_SECRET in the developer's shell cannot leak into the tests.
        _settings["Auth:Secret"] = Secret;
        _settings["BETTER_AUTH_SECRET"] = Secret;
        _settings["DATABASE_URL"] = null;
        // Off unless a test turns it on, whatever the developer's shell holds.
        _settings["BETTER_AUTH_URL"] = null;
        _settings["Auth:Authority"] = null;
        // Tests send far more than a person would; the rate-limiting tests set their own limits.
        _settings["RateLimiting:PermitLimit"] = "1000000";
        _settings["RateLimiting:Anonymous:PermitLimit"] = "1000000";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public string Environment { get; }

    /// <summary>An API whose database is a PostgreSQL server on a port where nothing listens: unreachable on every machine.</summary>
    public static TaskManagerApiFactory WithUnreachableDatabase() => new(new Dictionary<string, string?>
    {
        ["Database:Provider"] = "Postgres",
        ["ConnectionStrings:TaskManager"] = "Host=127.0.0.1;Port=1;Username=nobody;Database=nothing;Timeout=2",
        ["Database:MigrateOnStartup"] = "false",
    }, database: TestDatabase.Postgres, databaseName: "unreachable");

    public TestDatabase Database { get; }

    public string DatabaseName { get; }

    public TestClock Clock { get; } = new();

    /// <summary>Everything the API logged.</summary>
    public LogCapture Logs { get; } = new();

    /// <summary>A client that sends a valid token for <paramref name="userId"/>.</summary>
    public HttpClient ClientFor(string userId, ICollection<ObservedResponse>? observed = null) =>
        ClientWithToken(Tokens.Valid(userId), observed);

    /// <summary>
    /// A client that follows no redirect and checks each response against /openapi/v1.json
    /// (<see cref="OpenApiConformanceHandler"/>), adding it to <paramref name="observed"/> when given.
    /// </summary>
    public HttpClient ClientWithToken(string? token, ICollection<ObservedResponse>? observed = null)
    {
        var client = CreateDefaultClient(new Uri("http://localhost"), new OpenApiConformanceHandler(this, observed));
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

        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            _services?.Invoke(services);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsDatabase)
        {
            TestDatabases.Drop(Database, DatabaseName);
        }
    }
}
