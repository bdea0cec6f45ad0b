namespace TaskManager.IntegrationTests.Infrastructure;

/// <summary>
/// One API per test class and database (SQLite, plus every server that <see cref="TestDatabases"/> names);
/// each test works as users of its own, so tests never see each other's tasks.
/// </summary>
[TestFixtureSource(typeof(TestDatabases), nameof(TestDatabases.All))]
public abstract class ApiFixture(TestDatabase database)
{
    protected TestDatabase Database { get; } = database;

    protected TaskManagerApiFactory Factory { get; private set; } = null!;

    protected string UserId { get; private set; } = null!;

    /// <summary>A client with a valid token for <see cref="UserId"/>.</summary>
    protected HttpClient Client { get; private set; } = null!;

    [OneTimeSetUp]
    public void StartApi() => Factory = CreateFactory();

    /// <summary>The API of this class; a class that needs other settings says so here.</summary>
    protected virtual TaskManagerApiFactory CreateFactory() => new(database: Database);

    [OneTimeTearDown]
    public void StopApi() => Factory.Dispose();

    [SetUp]
    public void NewUser()
    {
        UserId = Api.NewUserId();
        Client = Factory.ClientFor(UserId);
    }

    [TearDown]
    public void DisposeClient() => Client.Dispose();
}
