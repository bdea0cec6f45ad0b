using System.Net;
using TaskManager.IntegrationTests.Infrastructure;

namespace TaskManager.IntegrationTests.Database;

/// <summary>Racing writers, truly in parallel: If-Match lets exactly one win; without it the last writer wins, whole.</summary>
public sealed class ConcurrencyTests(TestDatabase database) : ApiFixture(database)
{
    private const int Racers = 8;

    [Test]
    public async Task Put_RacingWithTheSameIfMatch_ExactlyOneSucceedsAndTheOthersGet412()
    {
        var task = await Client.CreateTaskAsync(UserId);
        var id = task.GetProperty("id").GetString()!;
        using var get = await Client.GetAsync(Api.TaskPath(UserId, id));
        var etag = get.Headers.ETag!.Tag;

        using var start = new ManualResetEventSlim();
        var racers = Enumerable.Range(0, Racers).Select(i => Task.Run(async () =>
        {
            using var client = Factory.ClientFor(UserId);
            start.Wait();
            using var response = await client.SendAsync(HttpMethod.Put, Api.TaskPath(UserId, id),
                $$"""{"title":"racer {{i}}"}""", headers => headers.IfMatch.ParseAdd(etag));
            return response.StatusCode;
        })).ToArray();
        start.Set();
        var results = await Task.WhenAll(racers);

        Assert.That(results.Count(s => s == HttpStatusCode.OK), Is.EqualTo(1), string.Join(", ", results));
        Assert.That(results.Count(s => s == HttpStatusCode.PreconditionFailed), Is.EqualTo(Racers - 1), string.Join(", ", results));
        using var final = await Client.GetAsync(Api.TaskPath(UserId, id));
        Assert.That(final.Headers.ETag!.Tag, Is.EqualTo("\"v2\""), "one change, one new version");
    }

    [Test]
    public async Task Put_RacingWithoutIfMatch_AllSucceedAndTheTaskIsOneOfTheWritesWhole()
    {
        var id = (await Client.CreateTaskAsync(UserId)).GetProperty("id").GetString()!;

        using var start = new ManualResetEventSlim();
        var racers = Enumerable.Range(0, Racers).Select(i => Task.Run(async () =>
        {
            using var client = Factory.ClientFor(UserId);
            start.Wait();
            using var response = await client.SendAsync(HttpMethod.Put, Api.TaskPath(UserId, id),
                $$"""{"title":"title {{i}}","description":"description {{i}}"}""");
            return response.StatusCode;
        })).ToArray();
        start.Set();
        var results = await Task.WhenAll(racers);

        Assert.That(results, Is.All.EqualTo(HttpStatusCode.OK));
        var final = await (await Client.GetAsync(Api.TaskPath(UserId, id))).BodyAsync();
        var title = final.GetProperty("title").GetString()!;
        Assert.That(final.GetProperty("description").GetString(), Is.EqualTo(title.Replace("title", "description", StringComparison.Ordinal)),
            "title and description come from the same request: never half of one and half of another");
    }

    [Test]
    public async Task Patch_RacingToggles_EachIsAppliedOnce()
    {
        var id = (await Client.CreateTaskAsync(UserId)).GetProperty("id").GetString()!;

        using var start = new ManualResetEventSlim();
        var racers = Enumerable.Range(0, Racers).Select(_ => Task.Run(async () =>
        {
            using var client = Factory.ClientFor(UserId);
            start.Wait();
            using var response = await client.SendAsync(HttpMethod.Patch, Api.TaskPath(UserId, id) + "/complete");
            return response.StatusCode;
        })).ToArray();
        start.Set();
        var results = await Task.WhenAll(racers);

        Assert.That(results, Is.All.EqualTo(HttpStatusCode.OK));
        using var final = await Client.GetAsync(Api.TaskPath(UserId, id));
        Assert.Multiple(async () =>
        {
            Assert.That((await final.BodyAsync()).GetProperty("completed").GetBoolean(), Is.EqualTo(Racers % 2 == 1));
            Assert.That(final.Headers.ETag!.Tag, Is.EqualTo($"\"v{Racers + 1}\""));
        });
    }
}
