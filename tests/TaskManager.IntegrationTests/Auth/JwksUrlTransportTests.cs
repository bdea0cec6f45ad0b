using Microsoft.Extensions.Options;
using TaskManager.IntegrationTests.Infrastructure;

namespace TaskManager.IntegrationTests.Auth;

/// <summary>
/// Keys fetched over plain HTTP let anyone on the path mint tokens: outside Development the key URL (BETTER_AUTH_URL,
/// or Auth:JwksUrl when set) must be https, unless its host is loopback or Auth:AllowInsecureJwksUrl says the network is
/// trusted; otherwise the start stops with the reason. The keys are not fetched at start-up, so no server is needed.
/// </summary>
[TestFixtureSource(typeof(TestDatabases), nameof(TestDatabases.All))]
public sealed class JwksUrlTransportTests(TestDatabase database)
{
    [TestCase("http://auth.example.test", null, "BETTER_AUTH_URL", TestName = "Start_WithPlainHttpBetterAuthUrl_RefusesAndSaysWhy")]
    [TestCase("http://10.0.0.5:3000", null, "BETTER_AUTH_URL", TestName = "Start_WithPlainHttpBetterAuthUrlOnAPrivateAddress_Refuses")]
    [TestCase("https://auth.example.test", "http://keys.example.test/api/auth/jwks", "Auth:JwksUrl",
        TestName = "Start_WithPlainHttpJwksUrl_RefusesAndNamesIt")]
    public void Start_OutsideDevelopmentWithKeysOverPlainHttp_Refuses(string betterAuthUrl, string? jwksUrl, string setting)
    {
        using var factory = StartApi("Production", betterAuthUrl, jwksUrl);

        var failure = Assert.Catch(() => factory.CreateClient());

        Assert.That(failure, Is.InstanceOf<OptionsValidationException>().Or.InnerException.InstanceOf<OptionsValidationException>());
        Assert.That(failure!.ToString(), Does.Contain("over plain HTTP").And.Contain(setting).And.Contain("Auth:AllowInsecureJwksUrl"));
    }

    [TestCase("Production", "https://auth.example.test", null, null, TestName = "Start_WithHttpsBetterAuthUrl_Serves")]
    [TestCase("Production", "http://localhost:3000", null, null, TestName = "Start_WithPlainHttpOnLocalhost_Serves")]
    [TestCase("Production", "http://127.0.0.1:3000", null, null, TestName = "Start_WithPlainHttpOnIPv4Loopback_Serves")]
    [TestCase("Production", "http://[::1]:3000", null, null, TestName = "Start_WithPlainHttpOnIPv6Loopback_Serves")]
    [TestCase("Production", "http://auth.example.test", "https://auth.example.test/api/auth/jwks", null,
        TestName = "Start_WithPlainHttpBetterAuthUrlButHttpsJwksUrl_Serves")]
    [TestCase("Production", "http://auth.example.test", null, "true", TestName = "Start_WithPlainHttpAndTheOperatorsOptIn_Serves")]
    [TestCase("Development", "http://auth.example.test", null, null, TestName = "Start_InDevelopmentWithPlainHttp_Serves")]
    public async Task Start_WithAcceptedKeyTransport_Serves(string environment, string betterAuthUrl, string? jwksUrl, string? allowInsecure)
    {
        using var factory = StartApi(environment, betterAuthUrl, jwksUrl, allowInsecure);
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/health/ready");

        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
    }

    [Test]
    public void Start_WithTheOptInSetToFalse_StillRefuses()
    {
        using var factory = StartApi("Production", "http://auth.example.test", null, "false");

        var failure = Assert.Catch(() => factory.CreateClient());

        Assert.That(failure!.ToString(), Does.Contain("over plain HTTP"));
    }

    private TaskManagerApiFactory StartApi(string environment, string betterAuthUrl, string? jwksUrl, string? allowInsecure = null)
    {
        var settings = new Dictionary<string, string?> { ["BETTER_AUTH_URL"] = betterAuthUrl, ["Auth:JwksUrl"] = jwksUrl };
        if (allowInsecure is not null)
        {
            settings["Auth:AllowInsecureJwksUrl"] = allowInsecure;
        }

        return new TaskManagerApiFactory(settings, environment: environment, database: database);
    }
}
