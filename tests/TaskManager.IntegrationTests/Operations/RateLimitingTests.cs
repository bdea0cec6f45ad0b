using System.Net;
using TaskManager.IntegrationTests.Infrastructure;

namespace TaskManager.IntegrationTests.Operations;

public sealed class RateLimitingTests
{
    private const int Limit = 5;
    private TaskManagerApiFactory _factory = null!;

    [SetUp]
    public void Start() => _factory = new TaskManagerApiFactory(new Dictionary<string, string?>
    {
        ["RateLimiting:PermitLimit"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimiting:WindowSeconds"] = "60",
        ["RateLimiting:Anonymous:PermitLimit"] = "3",
        ["RateLimiting:Anonymous:WindowSeconds"] = "60",
    });

    [TearDown]
    public void Stop() => _factory.Dispose();

    [Test]
    public async Task Requests_OverTheUserLimit_Get429WithRetryAfter()
    {
        var user = Api.NewUserId();
        using var client = _factory.ClientFor(user);
        for (var i = 0; i < Limit; i++)
        {
            using var allowed = await client.GetAsync(Api.TasksPath(user));
            Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"request {i + 1}");
        }

        using var refused = await client.GetAsync(Api.TasksPath(user));

        await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.That(refused.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero).And.LessThanOrEqualTo(TimeSpan.FromSeconds(60)));
    }

    [Test]
    public async Task Requests_OfOneUsersBurst_NeverLimitAnotherUser()
    {
        var noisy = Api.NewUserId();
        var quiet = Api.NewUserId();
        using var noisyClient = _factory.ClientFor(noisy);
        using var quietClient = _factory.ClientFor(quiet);
        for (var i = 0; i < Limit * 3; i++)
        {
            using var _ = await noisyClient.GetAsync(Api.TasksPath(noisy));
        }

        using var response = await quietClient.GetAsync(Api.TasksPath(quiet));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Requests_WithFailedAuthentication_AreLimitedPerAddress()
    {
        using var forger = _factory.ClientWithToken("forged.token.value");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await forger.GetAsync(Api.TasksPath("victim"));
            statuses.Add(response.StatusCode);
        }

        Assert.That(statuses.Take(3), Is.All.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(statuses.Skip(3), Is.All.EqualTo(HttpStatusCode.TooManyRequests));
    }

    [Test]
    public async Task HealthEndpoints_AreNeverLimited()
    {
        using var client = _factory.ClientWithToken(null);
        for (var i = 0; i < 20; i++)
        {
            using var response = await client.GetAsync(i % 2 == 0 ? "/health/live" : "/health/ready");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
    }
}
