using System.Net;
using TaskManager.IntegrationTests.Infrastructure;
using static TaskManager.IntegrationTests.Infrastructure.BetterAuthTokens;

namespace TaskManager.IntegrationTests.Auth;

/// <summary>How BETTER_AUTH_URL, Auth:Authority, Auth:JwksUrl, Auth:Issuer and Auth:Audience combine.</summary>
public sealed class BetterAuthConfigurationTests
{
    private TestKey _key = null!;
    private JwksServer _server = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _key = TestKey.Ed25519("ed25519-config");
        _server = await JwksServer.StartAsync(_key);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _server.DisposeAsync();
        _key.Dispose();
    }

    [Test]
    public async Task BetterAuthUrl_WithTrailingSlash_ExpectsItsOriginAsIssuer_AsBetterAuthSetsIt()
    {
        using var factory = StartApi(new() { ["BETTER_AUTH_URL"] = _server.Url + "/" });

        Assert.That(await StatusFor(factory, _server.Url, _server.Url), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await StatusFor(factory, _server.Url + "/", _server.Url + "/"), Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task AuthAuthority_TurnsTheJwksOn()
    {
        using var factory = StartApi(new() { ["Auth:Authority"] = _server.Url });

        Assert.That(await StatusFor(factory, _server.Url, _server.Url), Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task BetterAuthUrl_WinsOverAuthAuthority()
    {
        using var factory = StartApi(new() { ["Auth:Authority"] = "http://127.0.0.1:9", ["BETTER_AUTH_URL"] = _server.Url });

        Assert.That(await StatusFor(factory, _server.Url, _server.Url), Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task JwksUrl_MovesTheKeys_WhileIssuerAndAudienceStayTheBetterAuthOrigin()
    {
        const string betterAuth = "https://auth.example.test";
        using var factory = StartApi(new() { ["BETTER_AUTH_URL"] = betterAuth, ["Auth:JwksUrl"] = _server.Url + JwksServer.Path });

        Assert.That(await StatusFor(factory, betterAuth, betterAuth), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await StatusFor(factory, _server.Url, _server.Url), Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task IssuerAndAudience_OverrideTheDefaults()
    {
        const string issuer = "https://issuer.example.test";
        const string audience = "taskmanager-api";
        using var factory = StartApi(new() { ["BETTER_AUTH_URL"] = _server.Url, ["Auth:Issuer"] = issuer, ["Auth:Audience"] = audience });

        Assert.That(await StatusFor(factory, issuer, audience), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await StatusFor(factory, _server.Url, _server.Url), Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await StatusFor(factory, issuer, _server.Url), Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    private static TaskManagerApiFactory StartApi(Dictionary<string, string?> settings)
    {
        settings["Auth:Secret"] = null;
        settings["BETTER_AUTH_SECRET"] = null;
        return new TaskManagerApiFactory(settings, environment: "Production");
    }

    private async Task<HttpStatusCode> StatusFor(TaskManagerApiFactory factory, string issuer, string audience)
    {
        var user = Api.NewUserId();
        using var client = factory.ClientWithToken(Issue(_key, issuer, user, c => c["aud"] = audience));
        using var response = await client.GetAsync(Api.TasksPath(user));
        return response.StatusCode;
    }
}
