using System.Net;
using TaskManager.IntegrationTests.Infrastructure;

namespace TaskManager.IntegrationTests.Auth;

/// <summary>
/// A subject (sub, else user_id) is non-empty, at most 128 characters, has no leading or trailing white space and no
/// control characters; any other is a 401 invalid subject, before the path's user id is even looked at.
/// </summary>
public sealed class SubjectRulesTests(TestDatabase database) : ApiFixture(database)
{
    private const string WhiteSpace = "The token's subject starts or ends with white space.";
    private const string Control = "The token's subject holds control characters.";

    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public static IEnumerable<TestCaseData> RefusedSubjects()
    {
        foreach (var claim in new[] { "sub", "user_id" })
        {
            yield return Case(claim, "", "The token names no subject (sub or user_id).", "Empty");
            yield return Case(claim, new string('u', 129), "The token's subject is longer than 128 characters.", "Of129Characters");
            yield return Case(claim, " alice", WhiteSpace, "WithLeadingSpace");
            yield return Case(claim, "alice ", WhiteSpace, "WithTrailingSpace");
            yield return Case(claim, "alice\u00A0", WhiteSpace, "WithTrailingNoBreakSpace");
            yield return Case(claim, "\u3000alice", WhiteSpace, "WithLeadingIdeographicSpace");
            yield return Case(claim, "alice\t", WhiteSpace, "WithTrailingTab");
            yield return Case(claim, "al\u0000ice", Control, "WithNul");
            yield return Case(claim, "al\u001Bice", Control, "WithEscape");
            yield return Case(claim, "al\u007Fice", Control, "WithDelete");
            yield return Case(claim, "al\u0085ice", Control, "WithC1NextLine");
            yield return Case(claim, "al\nice", Control, "WithLineFeed");
        }
    }

    [TestCaseSource(nameof(RefusedSubjects))]
    public async Task Request_WithRefusedSubject_Returns401NamingTheProblem(string claim, string subject, string detail)
    {
        using var client = Factory.ClientWithToken(Tokens.Sign(new Dictionary<string, object> { [claim] = subject, ["exp"] = Now + 600 }));
        using var response = await client.GetAsync(Api.TasksPath(UserId));

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Multiple(() =>
        {
            Assert.That(problem.GetProperty("detail").GetString(), Is.EqualTo(detail));
            Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.StartWith("Bearer error=\"invalid_token\""));
        });
    }

    [TestCase("sub")]
    [TestCase("user_id")]
    public async Task Request_WithSubjectOfExactly128Characters_IsServed(string claim)
    {
        var subject = new string('u', 120) + Guid.NewGuid().ToString("N")[..8];

        using var response = await GetOwnTasks(claim, subject);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("sub")]
    [TestCase("user_id")]
    public async Task Request_WithWhiteSpaceInsideTheSubject_IsServed(string claim)
    {
        using var response = await GetOwnTasks(claim, $"ada {Guid.NewGuid():N}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private async Task<HttpResponseMessage> GetOwnTasks(string claim, string subject)
    {
        using var client = Factory.ClientWithToken(Tokens.Sign(new Dictionary<string, object> { [claim] = subject, ["exp"] = Now + 600 }));
        return await client.GetAsync(Api.TasksPath(Uri.EscapeDataString(subject)));
    }

    private static TestCaseData Case(string claim, string subject, string detail, string name) =>
        new TestCaseData(claim, subject, detail).SetName($"Request_With{(claim == "sub" ? "Sub" : "UserId")}{name}_Returns401");
}
