using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using TaskManager.Infrastructure.Auth;
using TaskManager.IntegrationTests.Infrastructure;

namespace TaskManager.IntegrationTests.Auth;

/// <summary>
/// An accepted token is remembered, but never past its expiry and never for more than a minute; the lifetime check
/// and the cache read the application's clock, so a test can move it.
/// </summary>
public sealed class AcceptedTokenCacheTests
{
    private TaskManagerApiFactory _factory = null!;

    [SetUp]
    public void StartApi() =>
        _factory = new TaskManagerApiFactory(new Dictionary<string, string?> { ["Auth:ClockSkewSeconds"] = "0" });

    [TearDown]
    public void StopApi() => _factory.Dispose();

    [Test]
    public async Task Token_AcceptedBefore_IsRefusedOnceItExpires()
    {
        var user = Api.NewUserId();
        using var client = _factory.ClientWithToken(
            Tokens.Sign(new Dictionary<string, object> { ["sub"] = user, ["exp"] = Tokens.Expiry(TimeSpan.FromSeconds(30)) }));

        using var first = await client.GetAsync(Api.TasksPath(user));
        using var remembered = await client.GetAsync(Api.TasksPath(user));
        _factory.Clock.Advance(TimeSpan.FromSeconds(31));
        using var expired = await client.GetAsync(Api.TasksPath(user));

        Assert.That(new[] { first.StatusCode, remembered.StatusCode }, Is.All.EqualTo(HttpStatusCode.OK));
        var problem = await expired.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.That(problem.GetProperty("detail").GetString(), Is.EqualTo("The token has expired."));
    }

    [Test]
    public async Task Token_NotYetValid_IsAcceptedOnceTheClockReachesItsNbf()
    {
        var user = Api.NewUserId();
        using var client = _factory.ClientWithToken(Tokens.Sign(new Dictionary<string, object>
        {
            ["sub"] = user,
            ["nbf"] = Tokens.Expiry(TimeSpan.FromMinutes(2)),
            ["exp"] = Tokens.Expiry(TimeSpan.FromMinutes(10)),
        }));

        using var early = await client.GetAsync(Api.TasksPath(user));
        _factory.Clock.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));
        using var onTime = await client.GetAsync(Api.TasksPath(user));

        var problem = await early.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.That(problem.GetProperty("detail").GetString(), Is.EqualTo("The token is not valid yet."));
        Assert.That(onTime.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a refusal is never remembered");
    }

    [Test]
    public async Task AcceptedToken_IsRememberedForAMinuteAtMost_ThenCheckedInFull()
    {
        var handler = _factory.Services.GetRequiredService<AlgorithmRoutingTokenHandler>();
        var token = Tokens.Valid(Api.NewUserId());

        var first = await handler.ValidateTokenAsync(token, new TokenValidationParameters());
        var again = await handler.ValidateTokenAsync(token, new TokenValidationParameters());
        _factory.Clock.Advance(AlgorithmRoutingTokenHandler.RememberFor);
        var later = await handler.ValidateTokenAsync(token, new TokenValidationParameters());

        Assert.Multiple(() =>
        {
            Assert.That(first.IsValid && later.IsValid, Is.True);
            Assert.That(again, Is.SameAs(first), "remembered");
            Assert.That(later, Is.Not.SameAs(first), "checked again after a minute");
        });
    }
}
