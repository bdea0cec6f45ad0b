using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace TaskManager.IntegrationTests.Infrastructure;

/// <summary>The real API in process, on a database of its own that is dropped afterwards.</summary>
public sealed class TaskManagerApiFactory : WebApplicationFactory<Program>
{
    public const string Secret = "integration-tests-only-secret-0123456789abcdef";

    private readonly Dictionary<string, string?> _settings;
    private readonly bool _ownsDatabase;
    private readonly Action<IServiceCollection>? _testServices;

    /// <param name="databaseName">Share an existing database (created by another factory) instead of making one.</param>
    /// <param name="testServices">Replaces services, e.g. with one that fails.</param>
    public TaskManagerApiFactory(
        IDictionary<string, string?>? settings = null,
        string environment = "Testing",
        TestDatabase database = TestDatabase.Sqlite,
        string? databaseName = null,
        Action<IServiceCollection>? testServices = null)
    {
        _testServices = testServices;
        Environment = environment;
        Database = database;
        _ownsDatabase = databaseName is null;
        DatabaseName = databaseName ?? $"taskmanager_test_{Guid.NewGuid():N}";
        _settings = TestDatabases.NewDatabaseSettings(database, DatabaseName);
        // Both names, so that a BETTER_AUTH_SECRET in the developer's shell cannot leak into the tests.
        _settings["Auth:Secret"] = Secret;
        _settings["BETTER_AUTH_SECRET"] = Secret;
        _settings["DATABASE_URL"] = null;
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public string Environment { get; }

    public TestDatabase Database { get; }

    public string DatabaseName { get; }

    public TestClock Clock { get; } = new();

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

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            _testServices?.Invoke(services);
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
