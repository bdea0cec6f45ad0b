using System.Net;
using TaskManager.IntegrationTests.Infrastructure;

namespace TaskManager.IntegrationTests.Operations;

public sealed class TransportSecurityTests
{
    [Test]
    public async Task ApiResponse_CarriesNoSniffAndAPrivateCachePolicy()
    {
        using var factory = new TaskManagerApiFactory();
        var user = Api.NewUserId();
        using var client = factory.ClientFor(user);

        using var ok = await client.GetAsync(Api.TasksPath(user));
        using var error = await client.GetAsync(Api.TaskPath(user, "nope"));

        foreach (var response in new[] { ok, error })
        {
            Assert.Multiple(() =>
            {
                Assert.That(response.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
                Assert.That(response.Headers.CacheControl?.Private, Is.True);
                Assert.That(response.Headers.CacheControl?.NoCache, Is.True);
                Assert.That(response.Headers.Vary, Does.Contain("Authorization"));
                Assert.That(response.Headers.Contains("Server"), Is.False);
            });
        }
    }

    [Test]
    public async Task HttpsResponse_OutsideDevelopment_CarriesHsts()
    {
        using var factory = new TaskManagerApiFactory();
        factory.ClientOptions.BaseAddress = new Uri("https://tasks.example.test");
        using var client = factory.CreateClient();

        using var https = await client.GetAsync("/health/live");
        using var http = await client.GetAsync(new Uri("http://tasks.example.test/health/live"));

        Assert.That(https.Headers.Contains("Strict-Transport-Security"), Is.True);
        Assert.That(http.Headers.Contains("Strict-Transport-Security"), Is.False);
    }

    [Test]
    public async Task PlainHttpApiCall_WhenHttpsIsRequired_GetsAProblemNotARedirect()
    {
        using var factory = new TaskManagerApiFactory(new Dictionary<string, string?> { ["Https:Required"] = "true" });
        var user = Api.NewUserId();
        using var client = factory.ClientFor(user);

        using var response = await client.GetAsync(new Uri($"http://tasks.example.test{Api.TasksPath(user)}"));
        using var health = await client.GetAsync(new Uri("http://tasks.example.test/health/live"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("HTTPS"));
        Assert.That(response.Headers.Location, Is.Null);
        Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK), "probes stay on plain HTTP behind a proxy");
    }

    [Test]
    public async Task ForwardedProto_FromATrustedProxy_CountsAsHttps()
    {
        using var factory = new TaskManagerApiFactory(new Dictionary<string, string?>
        {
            ["Https:Required"] = "true",
            ["ForwardedHeaders:Enabled"] = "true",
        });
        var user = Api.NewUserId();
        using var client = factory.ClientFor(user);

        using var response = await client.SendAsync(HttpMethod.Get, Api.TasksPath(user), headers: h => h.Add("X-Forwarded-Proto", "https"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
