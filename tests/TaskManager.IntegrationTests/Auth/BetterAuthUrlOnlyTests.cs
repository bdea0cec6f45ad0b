using System.Net;
using TaskManager.IntegrationTests.Infrastructure;
using static TaskManager.IntegrationTests.Infrastructure.BetterAuthTokens;

namespace TaskManager.IntegrationTests.Auth;

/// <summary>
/// The issue's definition of done: a Better Auth server named by BETTER_AUTH_URL, and no other setting (no secret, in
/// Production), issues tokens the API accepts for each algorithm its JWT plugin can use.
/// </summary>
public sealed class BetterAuthUrlOnlyTests
{
    private JwksKeys _keys = null!;
    private JwksServer _server = null!;
    private TaskManagerApiFactory _factory = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _keys = new JwksKeys();
        _server = await JwksServer.StartAsync(_keys.Published);
        _factory = new TaskManagerApiFactory(
            new Dictionary<string, string?> { ["BETTER_AUTH_URL"] = _server.Url, ["Auth:Secret"] = null, ["BETTER_AUTH_SECRET"] = null },
            environment: "Production");
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _factory.Dispose();
        await _server.DisposeAsync();
        _keys.Dispose();
    }

    [TestCase("EdDSA")]
    [TestCase("ES256")]
    [TestCase("ES512")]
    [TestCase("RS256")]
    [TestCase("PS256")]
    public async Task Token_FromBetterAuth_IsAccepted(string algorithm)
    {
        var user = Api.NewUserId();
        using var client = _factory.ClientWithToken(Issue(_keys.For(algorithm), _server.Url, user));

        var created = await client.CreateTaskAsync(user);
        using var listed = await client.GetAsync(Api.TasksPath(user));

        Assert.That(created.GetProperty("user_id").GetString(), Is.EqualTo(user));
        Assert.That(listed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await listed.BodyAsync()).GetArrayLength(), Is.EqualTo(1));
    }

    [Test]
    public async Task Token_SignedWithASecret_IsRejected_WhenNoSecretIsConfigured()
    {
        var user = Api.NewUserId();
        using var client = _factory.ClientWithToken(Tokens.Valid(user));

        using var response = await client.GetAsync(Api.TasksPath(user));

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("signing algorithm is not accepted"));
    }

    [Test]
    public async Task Token_HS256OverThePublishedKey_IsRejected_WhenNoSecretIsConfigured()
    {
        var user = Api.NewUserId();
        using var client = _factory.ClientWithToken(
            Hmac(TestKey.PublicKeyBytes(_keys.Ed25519), Claims(_server.Url, user), h => h["kid"] = _keys.Ed25519.Kid));

        using var response = await client.GetAsync(Api.TasksPath(user));

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Request_WithoutToken_StillGetsThePlainBearerChallenge()
    {
        using var anonymous = _factory.ClientWithToken(null);

        using var response = await anonymous.GetAsync(Api.TasksPath(Api.NewUserId()));

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Is.EqualTo("Bearer"));
    }
}
