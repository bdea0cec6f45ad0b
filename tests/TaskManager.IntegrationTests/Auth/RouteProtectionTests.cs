using System.Net;
using TaskManager.IntegrationTests.Infrastructure;

namespace TaskManager.IntegrationTests.Auth;

/// <summary>Every route: 401 first, then 403, whatever the task id or the body holds; with and without a trailing slash.</summary>
public sealed class RouteProtectionTests(TestDatabase database) : ApiFixture(database)
{
    private const string MissingTask = "0f8fad5b-d9cb-469f-a165-70867728950e";

    public static IEnumerable<TestCaseData> Routes()
    {
        foreach (var slash in new[] { "", "/" })
        {
            yield return new TestCaseData("GET", "", slash);
            yield return new TestCaseData("POST", "", slash);
            yield return new TestCaseData("GET", "/{task}", slash);
            yield return new TestCaseData("PUT", "/{task}", slash);
            yield return new TestCaseData("DELETE", "/{task}", slash);
            yield return new TestCaseData("PATCH", "/{task}/complete", slash);
        }
    }

    [TestCaseSource(nameof(Routes))]
    public async Task Route_WithoutToken_Returns401WhateverTheTaskIdOrBody(string method, string suffix, string slash)
    {
        using var anonymous = Factory.ClientWithToken(null);
        foreach (var task in new[] { "not-a-uuid", MissingTask })
        {
            using var response = await anonymous.SendAsync(
                new HttpMethod(method), Path(UserId, suffix, task, slash), json: "{broken");

            await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        }
    }

    [TestCaseSource(nameof(Routes))]
    public async Task Route_ForAnotherUsersPath_Returns403WhetherOrNotTheTaskExists(string method, string suffix, string slash)
    {
        var owner = Api.NewUserId();
        using var ownerClient = Factory.ClientFor(owner);
        var existing = (await ownerClient.CreateTaskAsync(owner)).GetProperty("id").GetString()!;

        var bodies = new List<string>();
        foreach (var task in new[] { existing, MissingTask, "not-a-uuid" })
        {
            using var response = await Client.SendAsync(new HttpMethod(method), Path(owner, suffix, task, slash), json: "{broken");
            var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden);
            bodies.Add($"{problem.GetProperty("type")}|{problem.GetProperty("title")}|{problem.GetProperty("detail")}");
        }

        Assert.That(bodies.Distinct().Count(), Is.EqualTo(1), "403 must not reveal whether the task exists");
        using var check = await ownerClient.GetAsync(Api.TaskPath(owner, existing));
        Assert.That(check.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a refused request changes nothing");
    }

    [TestCaseSource(nameof(Routes))]
    public async Task Route_ForOwnUserAndMissingTask_NeverRedirects(string method, string suffix, string slash)
    {
        using var response = await Client.SendAsync(new HttpMethod(method), Path(UserId, suffix, MissingTask, slash), json: """{"title":"t"}""");

        Assert.That((int)response.StatusCode, Is.Not.InRange(300, 399));
        Assert.That(response.StatusCode, Is.AnyOf(HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.NotFound));
    }

    private static string Path(string user, string suffix, string task, string slash) =>
        Api.TasksPath(user) + suffix.Replace("{task}", task, StringComparison.Ordinal) + slash;
}
