namespace TaskManager.IntegrationTests.Infrastructure;

/// <summary>One API per test class; each test works as users of its own, so tests never see each other's tasks.</summary>
public abstract class ApiFixture
{
    protected TaskManagerApiFactory Factory { get; private set; } = null!;

    protected string UserId { get; private set; } = null!;

    /// <summary>A client with a valid token for <see cref="UserId"/>.</summary>
    protected HttpClient Client { get; private set; } = null!;

    [OneTimeSetUp]
    public void StartApi() => Factory = new TaskManagerApiFactory();

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
