using System.Globalization;
using System.Net;
using TaskManager.IntegrationTests.Infrastructure;

namespace TaskManager.IntegrationTests.Operations;

/// <summary>
/// Junk tokens are limited per client address; a validly signed token refused only for its lifetime is limited per
/// subject and address, so a flood from the same address (a NAT, an office) never turns its 401 into a 429.
/// </summary>
[TestFixtureSource(typeof(TestDatabases), nameof(TestDatabases.All))]
public sealed class LapsedTokenRateLimitingTests(TestDatabase database)
{
    /// <summary>The service's default for anonymous and failed-auth traffic per address.</summary>
    private const int AddressLimit = 120;

    private const string OtherSecret = "another-secret-of-sufficient-length-0123456789";

    private TaskManagerApiFactory _factory = null!;

    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    [SetUp]
    public void Start() => _factory = new TaskManagerApiFactory(new Dictionary<string, string?>
    {
        ["RateLimiting:Anonymous:PermitLimit"] = AddressLimit.ToString(CultureInfo.InvariantCulture),
        ["RateLimiting:Anonymous:WindowSeconds"] = "60",
    }, database: database);

    [TearDown]
    public void Stop() => _factory.Dispose();

    [Test]
    public async Task ExpiredSignedToken_AfterAFloodOfJunkFromItsAddress_Gets401WithItsChallenge()
    {
        var junk = JunkTokens().Take(130).ToList();
        var last = HttpStatusCode.OK;
        foreach (var token in junk)
        {
            last = await StatusFor(token, "victim");
        }

        var victim = Api.NewUserId();
        using var client = _factory.ClientWithToken(Signed(victim, exp: Now - 120));
        using var response = await client.GetAsync(Api.TasksPath(victim));

        Assert.That(last, Is.EqualTo(HttpStatusCode.TooManyRequests), "the junk exhausted its address's window");
        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Multiple(() =>
        {
            Assert.That(problem.GetProperty("detail").GetString(), Is.EqualTo("The token has expired."));
            Assert.That(response.Headers.WwwAuthenticate.ToString(),
                Is.EqualTo("Bearer error=\"invalid_token\", error_description=\"The token has expired.\""));
        });
    }

    [Test]
    public async Task NotYetValidSignedToken_AfterAFloodOfJunkFromItsAddress_Gets401()
    {
        foreach (var token in JunkTokens().Take(AddressLimit + 1))
        {
            await StatusFor(token, "victim");
        }

        var victim = Api.NewUserId();
        using var client = _factory.ClientWithToken(Signed(victim, exp: Now + 900, nbf: Now + 600));
        using var response = await client.GetAsync(Api.TasksPath(victim));

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.That(problem.GetProperty("detail").GetString(), Is.EqualTo("The token is not valid yet."));
    }

    [Test]
    public async Task ExpiredTokenWithWrongSignature_IsJunk_LimitedWithItsAddress()
    {
        // The signature is checked before the lifetime: a forged expired token cannot pass for a lapsed one.
        var forged = Tokens.Sign(new Dictionary<string, object> { ["sub"] = "victim", ["exp"] = Now - 120 }, OtherSecret);
        using var client = _factory.ClientWithToken(forged);
        using var first = await client.GetAsync(Api.TasksPath("victim"));
        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= AddressLimit; i++)
        {
            using var response = await client.GetAsync(Api.TasksPath("victim"));
            statuses.Add(response.StatusCode);
        }

        var problem = await first.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Multiple(() =>
        {
            Assert.That(problem.GetProperty("detail").GetString(), Is.EqualTo("The token's signature is invalid."));
            Assert.That(statuses.Take(AddressLimit - 1), Is.All.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(statuses[^1], Is.EqualTo(HttpStatusCode.TooManyRequests));
        });
    }

    [Test]
    public async Task ExpiredSignedTokens_AreLimitedPerSubjectAndAddress()
    {
        var noisy = Api.NewUserId();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= AddressLimit; i++)
        {
            statuses.Add(await StatusFor(Signed(noisy, exp: Now - 120), noisy));
        }

        var quiet = Api.NewUserId();
        var quietStatus = await StatusFor(Signed(quiet, exp: Now - 120), quiet);
        var junkStatus = await StatusFor("forged.token.value", "victim");

        Assert.Multiple(() =>
        {
            Assert.That(statuses.Take(AddressLimit), Is.All.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(statuses[AddressLimit], Is.EqualTo(HttpStatusCode.TooManyRequests), "one subject's expired token is still limited");
            Assert.That(quietStatus, Is.EqualTo(HttpStatusCode.Unauthorized), "another subject's expired token is not");
            Assert.That(junkStatus, Is.EqualTo(HttpStatusCode.Unauthorized), "nor is the address's junk");
        });
    }

    /// <summary>Unsigned, wrongly signed (some of them expired too), malformed: nothing the issuer signed.</summary>
    private static IEnumerable<string> JunkTokens()
    {
        for (var i = 0; ; i++)
        {
            yield return (i % 4) switch
            {
                0 => "forged.token.value",
                1 => Tokens.Unsigned("victim"),
                2 => Tokens.Sign(new Dictionary<string, object> { ["sub"] = "victim", ["exp"] = Now - 120 }, OtherSecret),
                _ => Tokens.Sign(new Dictionary<string, object> { ["sub"] = $"junk-{i}", ["exp"] = Now + 600 }, OtherSecret),
            };
        }
    }

    private static string Signed(string subject, long exp, long? nbf = null)
    {
        var claims = new Dictionary<string, object> { ["sub"] = subject, ["exp"] = exp };
        if (nbf is { } notBefore)
        {
            claims["nbf"] = notBefore;
        }

        return Tokens.Sign(claims);
    }

    private async Task<HttpStatusCode> StatusFor(string token, string userId)
    {
        using var client = _factory.ClientWithToken(token);
        using var response = await client.GetAsync(Api.TasksPath(userId));
        return response.StatusCode;
    }
}
