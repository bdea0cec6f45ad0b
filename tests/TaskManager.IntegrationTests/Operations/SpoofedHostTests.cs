using System.Net;
using TaskManager.IntegrationTests.Infrastructure;

namespace TaskManager.IntegrationTests.Operations;

/// <summary>
/// The client's Host header is never echoed into a URL: Location, like Link, is a path relative to the origin, so a
/// spoofed Host (or a proxy that passes one through) cannot point a client at another site.
/// </summary>
public sealed class SpoofedHostTests(TestDatabase database) : ApiFixture(database)
{
    [TestCase("evil.example")]
    [TestCase("evil.example:8443")]
    public async Task Post_WithSpoofedHost_AnswersLocationAsAPathOnThisOrigin(string host)
    {
        using var response = await Client.SendAsync(
            HttpMethod.Post, Api.TasksPath(UserId), """{"title":"A task"}""", headers => headers.Host = host);
        var task = await response.BodyAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo(Api.TaskPath(UserId, task.Id())));
    }
}
