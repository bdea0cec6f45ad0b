using System.Net;
using TaskManager.IntegrationTests.Infrastructure;

namespace TaskManager.IntegrationTests.Tasks;

/// <summary>GET /api/{user_id}/tags.</summary>
public sealed class ListTagsTests(TestDatabase database) : ApiFixture(database)
{
    private string TagsPath => $"/api/{UserId}/tags";

    [Test]
    public async Task Get_WithNoTags_ReturnsAnEmptyArray()
    {
        await Client.CreateTaskAsync(UserId);

        using var response = await Client.GetAsync(TagsPath);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("[]"));
    }

    [Test]
    public async Task Get_CountsTheCallersTasksPerTagInAnySpelling_SortedByNameIgnoringCase()
    {
        var other = Api.NewUserId();
        using var otherClient = Factory.ClientFor(other);
        await otherClient.CreateTaskAsync(other, """{"title":"theirs","tags":["work","secret"]}""");
        await Client.CreateTaskAsync(UserId, """{"title":"a","tags":["work","Zebra"]}""");
        await Client.CreateTaskAsync(UserId, """{"title":"b","tags":["Work","apple"]}""");
        var retagged = await Client.CreateTaskAsync(UserId, """{"title":"c","tags":["WORK","gone"]}""");
        await Client.SendAsync(HttpMethod.Put, Api.TaskPath(UserId, retagged.Id()), """{"tags":["WORK"]}""");
        var deleted = await Client.CreateTaskAsync(UserId, """{"title":"d","tags":["work","deleted"]}""");
        await Client.SendAsync(HttpMethod.Delete, Api.TaskPath(UserId, deleted.Id()));

        using var response = await Client.GetAsync(TagsPath);
        var tags = (await response.BodyAsync()).EnumerateArray()
            .Select(tag => (tag.GetProperty("name").GetString()!.ToLowerInvariant(), tag.GetProperty("count").GetInt32())).ToArray();

        Assert.That(tags, Is.EqualTo(new[] { ("apple", 1), ("work", 3), ("zebra", 1) }));
    }

    [Test]
    public async Task Get_WithoutAToken_Returns401()
    {
        using var anonymous = Factory.ClientWithToken(null);

        using var response = await anonymous.GetAsync(TagsPath);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Get_AnotherUsersTags_Returns403()
    {
        using var response = await Client.GetAsync($"/api/{Api.NewUserId()}/tags");

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }
}
