using System.Net;
using TaskManager.IntegrationTests.Infrastructure;

namespace TaskManager.IntegrationTests.Auth;

/// <summary>With Auth:Issuer and Auth:Audience configured, tokens must carry exactly those.</summary>
public sealed class ConfiguredIssuerAudienceTests
{
    private const string Issuer = "https://auth.example.test";
    private const string Audience = "https://app.example.test";
    private TaskManagerApiFactory _factory = null!;

    [OneTimeSetUp]
    public void Start() => _factory = new TaskManagerApiFactory(new Dictionary<string, string?>
    {
        ["Auth:Issuer"] = Issuer,
        ["Auth:Audience"] = Audience,
    });

    [OneTimeTearDown]
    public void Stop() => _factory.Dispose();

    [TestCase(Issuer, Audience, HttpStatusCode.OK, TestName = "Request_WithConfiguredIssuerAndAudience_Returns200")]
    [TestCase("https://evil.example.test", Audience, HttpStatusCode.Unauthorized, TestName = "Request_WithWrongIssuer_Returns401")]
    [TestCase(Issuer, "https://other.example.test", HttpStatusCode.Unauthorized, TestName = "Request_WithWrongAudience_Returns401")]
    [TestCase(null, Audience, HttpStatusCode.Unauthorized, TestName = "Request_WithoutIssuer_Returns401")]
    [TestCase(Issuer, null, HttpStatusCode.Unauthorized, TestName = "Request_WithoutAudience_Returns401")]
    public async Task Request_IsCheckedAgainstConfiguredIssuerAndAudience(string? issuer, string? audience, HttpStatusCode expected)
    {
        var user = Api.NewUserId();
        var claims = new Dictionary<string, object> { ["sub"] = user, ["exp"] = Tokens.Expiry(TimeSpan.FromMinutes(5)) };
        if (issuer is not null)
        {
            claims["iss"] = issuer;
        }

        if (audience is not null)
        {
            claims["aud"] = audience;
        }

        using var client = _factory.ClientWithToken(Tokens.Sign(claims));
        using var response = await client.GetAsync(Api.TasksPath(user));

        Assert.That(response.StatusCode, Is.EqualTo(expected));
    }
}
