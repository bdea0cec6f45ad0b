using System.Net;
using System.Text.Json;
using TaskManager.IntegrationTests.Infrastructure;

namespace TaskManager.IntegrationTests.Auth;

/// <summary>
/// exp and nbf at the edges of time are judged by the contract's rules (exp required and not past, nbf not ahead,
/// with the clock skew), never by an overflow: the last second DateTime holds is 253402300799 (9999-12-31T23:59:59Z).
/// </summary>
public sealed class TokenLifetimeEdgeTests(TestDatabase database) : ApiFixture(database)
{
    private const long LastSecond = 253402300799;

    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public static IEnumerable<TestCaseData> AcceptedLifetimes()
    {
        yield return Accepted($"{LastSecond}", null, "ExpiringAtTheLastSecondOf9999");
        yield return Accepted($"{LastSecond + 1}", null, "ExpiringAfter9999");
        yield return Accepted($"{long.MaxValue}", null, "ExpiringAtTheLargestInteger");
        yield return Accepted("1.5e10", null, "WithExpiryInExponentNotation");
        yield return Accepted($"{Now + 600}.5", null, "WithFractionalExpiry");
        yield return Accepted($"{LastSecond}", "0", "ValidFromTheEpochTo9999");
        yield return Accepted($"{LastSecond}", $"{long.MinValue}", "WithNotBeforeAtTheSmallestInteger");
    }

    public static IEnumerable<TestCaseData> RefusedLifetimes()
    {
        const string expired = "The token has expired.";
        const string malformed = "The token is malformed.";
        yield return Refused("0", null, expired, "ExpiringAtTheEpoch");
        yield return Refused("-1", null, expired, "ExpiringBeforeTheEpoch");
        yield return Refused($"{long.MinValue}", null, expired, "ExpiringAtTheSmallestInteger");
        yield return Refused("1e-300", null, expired, "ExpiringATinyFractionAfterTheEpoch");
        yield return Refused($"{LastSecond}", $"{LastSecond}", "The token is not valid yet.", "ValidOnlyFromTheLastSecondOf9999");
        yield return Refused($"{LastSecond}", $"{long.MaxValue}", "The token's nbf is after its exp.", "WithNotBeforePastItsExpiry");
        // Beyond a 64-bit integer a NumericDate cannot be read: the token is malformed, whichever way the number points.
        yield return Refused("9223372036854775808", null, malformed, "ExpiringPastTheLargestInteger");
        yield return Refused("1e300", null, malformed, "ExpiringAtAHugeNumber");
        yield return Refused($"{Now + 600}", "-1e300", malformed, "WithNotBeforeAtAHugeNegativeNumber");
    }

    [TestCaseSource(nameof(AcceptedLifetimes))]
    public async Task Token_WithLifetimeAtTheEdges_IsAccepted_AlsoWhenRemembered(string exp, string? nbf)
    {
        using var client = Factory.ClientWithToken(Token(UserId, exp, nbf));

        using var first = await client.GetAsync(Api.TasksPath(UserId));
        using var remembered = await client.GetAsync(Api.TasksPath(UserId));

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK), await first.Content.ReadAsStringAsync());
        Assert.That(remembered.StatusCode, Is.EqualTo(HttpStatusCode.OK), await remembered.Content.ReadAsStringAsync());
    }

    [TestCaseSource(nameof(RefusedLifetimes))]
    public async Task Token_WithLifetimeAtTheEdges_IsRefusedWithTheReason(string exp, string? nbf, string detail)
    {
        using var client = Factory.ClientWithToken(Token(UserId, exp, nbf));

        using var response = await client.GetAsync(Api.TasksPath(UserId));

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.That(problem.GetProperty("detail").GetString(), Is.EqualTo(detail));
    }

    private static TestCaseData Accepted(string exp, string? nbf, string name) =>
        new TestCaseData(exp, nbf).SetName($"Token_{name}_IsAccepted");

    private static TestCaseData Refused(string exp, string? nbf, string detail, string name) =>
        new TestCaseData(exp, nbf, detail).SetName($"Token_{name}_IsRefused");

    /// <summary>An HS256 token whose exp and nbf are the given JSON, written as they are, so that any number (or non-number) fits.</summary>
    private static string Token(string subject, string exp, string? nbf)
    {
        var claims = new Dictionary<string, object> { ["sub"] = subject, ["exp"] = JsonDocument.Parse(exp).RootElement };
        if (nbf is not null)
        {
            claims["nbf"] = JsonDocument.Parse(nbf).RootElement;
        }

        return Tokens.Sign(claims);
    }
}
