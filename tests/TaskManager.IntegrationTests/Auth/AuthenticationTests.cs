using System.Net;
using TaskManager.IntegrationTests.Infrastructure;

namespace TaskManager.IntegrationTests.Auth;

/// <summary>Who may call: the token rules of the contract, including the original system's defects.</summary>
public sealed class AuthenticationTests(TestDatabase database) : ApiFixture(database)
{
    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    [Test]
    public async Task Request_WithoutToken_Returns401WithPlainBearerChallenge()
    {
        using var anonymous = Factory.ClientWithToken(null);
        using var response = await anonymous.GetAsync(Api.TasksPath(UserId));

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Is.EqualTo("Bearer"));
    }

    [Test]
    public async Task Request_WithValidToken_Returns200()
    {
        using var response = await Client.GetAsync(Api.TasksPath(UserId));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Request_WithUserIdClaimAndNoSub_UsesUserIdAsSubject()
    {
        var token = Tokens.Sign(new Dictionary<string, object> { ["user_id"] = UserId, ["exp"] = Now + 600 });

        using var response = await Get(token);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Request_WithSubAndUserId_PrefersSub()
    {
        var token = Tokens.Sign(new Dictionary<string, object> { ["sub"] = "someone-else", ["user_id"] = UserId, ["exp"] = Now + 600 });

        using var response = await Get(token);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task Request_WithAnyAudienceWhenNoneIsConfigured_IsAccepted()
    {
        // The original rejected every token with an aud claim.
        var token = Tokens.Sign(new Dictionary<string, object>
        {
            ["sub"] = UserId, ["exp"] = Now + 600, ["aud"] = "http://localhost:3000", ["iss"] = "http://localhost:3000",
        });

        using var response = await Get(token);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Request_WithinClockSkewAfterExpiry_IsAccepted()
    {
        var token = Tokens.Sign(new Dictionary<string, object> { ["sub"] = UserId, ["exp"] = Now - 10 });

        using var response = await Get(token);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Request_WithNotBeforeWithinClockSkew_IsAccepted()
    {
        var token = Tokens.Sign(new Dictionary<string, object> { ["sub"] = UserId, ["exp"] = Now + 600, ["nbf"] = Now + 10 });

        using var response = await Get(token);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    public static IEnumerable<TestCaseData> RejectedTokens()
    {
        var user = "rejected-user";
        yield return new TestCaseData("not-a-jwt", user).SetName("Request_WithMalformedToken_Returns401");
        yield return new TestCaseData("a.b.c", user).SetName("Request_WithGarbageSegments_Returns401");
        yield return new TestCaseData(
            Tokens.Sign(new Dictionary<string, object> { ["sub"] = user, ["exp"] = Now + 600 }, secret: "another-secret-of-sufficient-length-0123456789"),
            user).SetName("Request_WithBadSignature_Returns401");
        yield return new TestCaseData(
            Tokens.Sign(new Dictionary<string, object> { ["sub"] = user, ["exp"] = Now - 120 }), user)
            .SetName("Request_WithExpiredToken_Returns401");
        yield return new TestCaseData(
            Tokens.Sign(new Dictionary<string, object> { ["sub"] = user }), user)
            .SetName("Request_WithoutExpiry_Returns401");
        yield return new TestCaseData(
            Tokens.Sign(new Dictionary<string, object> { ["sub"] = user, ["exp"] = Now + 600, ["nbf"] = Now + 300 }), user)
            .SetName("Request_WithNotYetValidToken_Returns401");
        yield return new TestCaseData(
            Tokens.Sign(new Dictionary<string, object> { ["exp"] = Now + 600 }), user)
            .SetName("Request_WithoutSubject_Returns401");
        yield return new TestCaseData(
            Tokens.Sign(new Dictionary<string, object> { ["sub"] = "", ["exp"] = Now + 600 }), user)
            .SetName("Request_WithEmptySubject_Returns401");
        yield return new TestCaseData(
            Tokens.Sign(new Dictionary<string, object> { ["sub"] = new string('u', 129), ["exp"] = Now + 600 }), new string('u', 129))
            .SetName("Request_WithSubjectOver128Characters_Returns401");
        yield return new TestCaseData(Tokens.Unsigned(user), user).SetName("Request_WithAlgNone_Returns401");
        yield return new TestCaseData(
            Tokens.Sign(new Dictionary<string, object> { ["sub"] = user, ["exp"] = Now + 600 }, alg: "HS512"), user)
            .SetName("Request_WithDisallowedAlgorithm_Returns401");
    }

    [TestCaseSource(nameof(RejectedTokens))]
    public async Task Request_WithRejectedToken_Returns401InvalidToken(string token, string userId)
    {
        using var client = Factory.ClientWithToken(token);
        using var response = await client.GetAsync(Api.TasksPath(userId));

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Multiple(() =>
        {
            Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.StartWith("Bearer error=\"invalid_token\""));
            Assert.That(problem.ToString(), Does.Not.Contain(token));
        });
    }

    [Test]
    public async Task Request_WithTokenInQueryString_IsNotAuthenticated()
    {
        using var anonymous = Factory.ClientWithToken(null);
        using var response = await anonymous.GetAsync($"{Api.TasksPath(UserId)}?access_token={Tokens.Valid(UserId)}");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Request_WithTokenInCookie_IsNotAuthenticated()
    {
        using var anonymous = Factory.ClientWithToken(null);
        using var response = await anonymous.SendAsync(HttpMethod.Get, Api.TasksPath(UserId),
            headers: h => h.Add("Cookie", $"access_token={Tokens.Valid(UserId)}; better-auth.session_token={Tokens.Valid(UserId)}"));

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Request_WithOtherScheme_Returns401()
    {
        using var anonymous = Factory.ClientWithToken(null);
        using var response = await anonymous.SendAsync(HttpMethod.Get, Api.TasksPath(UserId),
            headers: h => h.Authorization = new("Basic", Convert.ToBase64String("a:b"u8.ToArray())));

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Request_WithSubjectDifferingOnlyInCase_Returns403()
    {
        using var client = Factory.ClientFor(UserId.ToUpperInvariant());
        using var response = await client.GetAsync(Api.TasksPath(UserId));

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    private async Task<HttpResponseMessage> Get(string token)
    {
        using var client = Factory.ClientWithToken(token);
        return await client.GetAsync(Api.TasksPath(UserId));
    }
}
