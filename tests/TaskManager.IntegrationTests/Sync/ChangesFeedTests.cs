using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TaskManager.Infrastructure.Sync;
using TaskManager.IntegrationTests.Infrastructure;

namespace TaskManager.IntegrationTests.Sync;

/// <summary>GET /api/{user_id}/tasks/changes: full syncs, increments, paging, tokens and their refusals.</summary>
public sealed class ChangesFeedTests(TestDatabase database) : ApiFixture(database)
{
    [Test]
    public async Task FullSync_ReturnsEveryLiveTaskAsAnUpsertAndNoDeletes()
    {
        var kept = await Client.CreateTaskAsync(UserId, """{"title":"kept"}""");
        var doomed = await Client.CreateTaskAsync(UserId, """{"title":"doomed"}""");
        using var deleted = await Client.DeleteAsync(Api.TaskPath(UserId, doomed.Id()));

        var page = await Client.ReadPageAsync(UserId);

        var changes = page.GetProperty("changes").EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(changes.Select(c => c.GetProperty("op").GetString()), Is.EqualTo(new[] { "upsert" }));
            Assert.That(changes[0].GetProperty("task").GetRawText(), Is.EqualTo(kept.GetRawText()));
            Assert.That(changes[0].TryGetProperty("id", out _), Is.False);
            Assert.That(page.GetProperty("has_more").GetBoolean(), Is.False);
            Assert.That(page.GetProperty("next").GetString(), Is.Not.Empty);
        });
    }

    [Test]
    public async Task FullSync_ItsNextStandsPastTheDeletionsItLeftOut()
    {
        var doomed = await Client.CreateTaskAsync(UserId, """{"title":"doomed"}""");
        await Client.CreateTaskAsync(UserId, """{"title":"kept"}""");
        using (await Client.DeleteAsync(Api.TaskPath(UserId, doomed.Id())))
        {
        }

        var next = (await Client.ReadPageAsync(UserId)).GetProperty("next").GetString();
        var increment = await Client.ReadPageAsync(UserId, next);

        Assert.That(increment.GetProperty("changes").GetArrayLength(), Is.Zero, increment.GetRawText());
    }

    [Test]
    public async Task Since_ReturnsEachChangedTaskOnceInItsLatestStateOldestFirst()
    {
        var first = await Client.CreateTaskAsync(UserId, """{"title":"first"}""");
        var second = await Client.CreateTaskAsync(UserId, """{"title":"second"}""");
        var since = (await Client.ReadPageAsync(UserId)).GetProperty("next").GetString();

        using (await Client.SendAsync(HttpMethod.Put, Api.TaskPath(UserId, first.Id()), """{"title":"first, renamed"}"""))
        using (await Client.SendAsync(HttpMethod.Patch, Api.TaskPath(UserId, second.Id()) + "/complete"))
        using (await Client.SendAsync(HttpMethod.Put, Api.TaskPath(UserId, first.Id()), """{"title":"first, renamed twice"}"""))
        using (await Client.DeleteAsync(Api.TaskPath(UserId, second.Id())))
        {
        }

        var created = await Client.CreateTaskAsync(UserId, """{"title":"third"}""");
        var page = await Client.ReadPageAsync(UserId, since);

        var changes = page.GetProperty("changes").EnumerateArray().ToList();
        Assert.That(changes, Has.Count.EqualTo(3), page.GetRawText());
        Assert.Multiple(() =>
        {
            Assert.That(changes[0].GetProperty("op").GetString(), Is.EqualTo("upsert"));
            Assert.That(changes[0].GetProperty("task").GetProperty("title").GetString(), Is.EqualTo("first, renamed twice"));
            Assert.That(changes[1].GetRawText(), Is.EqualTo($$"""{"op":"delete","id":"{{second.Id()}}"}"""));
            Assert.That(changes[2].GetProperty("task").GetRawText(), Is.EqualTo(created.GetRawText()));
        });
    }

    [Test]
    public async Task Since_WithNothingNew_ReturnsNoChangesAndAToken()
    {
        await Client.CreateTaskAsync(UserId);
        var since = (await Client.ReadPageAsync(UserId)).GetProperty("next").GetString();

        var page = await Client.ReadPageAsync(UserId, since);

        Assert.Multiple(() =>
        {
            Assert.That(page.GetProperty("changes").GetArrayLength(), Is.Zero);
            Assert.That(page.GetProperty("has_more").GetBoolean(), Is.False);
            Assert.That(page.GetProperty("next").GetString(), Is.EqualTo(since));
        });
    }

    [Test]
    public async Task UpdateThatChangesNothing_IsNotAChange()
    {
        var task = await Client.CreateTaskAsync(UserId, """{"title":"same"}""");
        var since = (await Client.ReadPageAsync(UserId)).GetProperty("next").GetString();

        using var put = await Client.SendAsync(HttpMethod.Put, Api.TaskPath(UserId, task.Id()), """{"title":"same"}""");
        var page = await Client.ReadPageAsync(UserId, since);

        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(page.GetProperty("changes").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task Paging_FollowingNextWhileHasMore_ReturnsEveryTaskOnce()
    {
        var created = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            created.Add((await Client.CreateTaskAsync(UserId, $$"""{"title":"t{{i}}"}""")).Id());
        }

        var seen = new List<string>();
        string? since = null;
        var pages = 0;
        bool hasMore;
        do
        {
            var page = await Client.ReadPageAsync(UserId, since, limit: 3);
            seen.AddRange(page.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("task").Id()));
            since = page.GetProperty("next").GetString();
            hasMore = page.GetProperty("has_more").GetBoolean();
            pages++;
        }
        while (hasMore);

        Assert.That(seen, Is.EqualTo(created));
        Assert.That(pages, Is.EqualTo(3));
    }

    [TestCase("not-a-token")]
    [TestCase("MS4xLmFiY2RlZg")]
    [TestCase("%00")]
    public async Task MalformedSince_Returns400NamingSince(string since)
    {
        using var response = await Client.GetAsync($"/api/{UserId}/tasks/changes?since={since}");

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.ErrorsFor("since"), Is.Not.Empty);
    }

    [Test]
    public async Task AnotherUsersToken_Returns400NamingSince()
    {
        var stranger = Api.NewUserId();
        using var strangerClient = Factory.ClientFor(stranger);
        await strangerClient.CreateTaskAsync(stranger);
        var theirs = (await strangerClient.ReadPageAsync(stranger)).GetProperty("next").GetString()!;

        using var response = await Client.GetAsync(ChangesFeed.ChangesPath(UserId, theirs));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.ErrorsFor("since"), Is.Not.Empty);
    }

    [TestCase("0")]
    [TestCase("501")]
    [TestCase("abc")]
    [TestCase("-1")]
    public async Task InvalidLimit_Returns400NamingLimit(string limit)
    {
        using var response = await Client.GetAsync($"/api/{UserId}/tasks/changes?limit={limit}");

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.ErrorsFor("limit"), Is.Not.Empty);
    }

    [Test]
    public async Task NoToken_Returns401_AndAnotherUsersPath_Returns403()
    {
        using var anonymous = Factory.ClientWithToken(null);
        using var noToken = await anonymous.GetAsync(ChangesFeed.ChangesPath(UserId));
        using var otherPath = await Client.GetAsync(ChangesFeed.ChangesPath(Api.NewUserId()));

        await noToken.AssertProblemAsync(HttpStatusCode.Unauthorized);
        await otherPath.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task TokenOlderThanThePurgedDeletions_Returns410_AndAFullSyncStartsAfresh()
    {
        var doomed = await Client.CreateTaskAsync(UserId, """{"title":"doomed"}""");
        var kept = await Client.CreateTaskAsync(UserId, """{"title":"kept"}""");
        var old = (await Client.ReadPageAsync(UserId)).GetProperty("next").GetString();
        using (await Client.DeleteAsync(Api.TaskPath(UserId, doomed.Id())))
        {
        }

        await PurgeAsAfter(TimeSpan.FromDays(31));
        using var gone = await Client.GetAsync(ChangesFeed.ChangesPath(UserId, old));
        var tasks = new Dictionary<string, JsonElement>();
        var next = await Client.SyncAsync(UserId, tasks);
        var afterFullSync = await Client.ReadPageAsync(UserId, next);

        await gone.AssertProblemAsync(HttpStatusCode.Gone);
        Assert.Multiple(() =>
        {
            Assert.That(tasks.Keys, Is.EqualTo(new[] { kept.Id() }));
            Assert.That(afterFullSync.GetProperty("changes").GetArrayLength(), Is.Zero);
        });
    }

    [Test]
    public async Task Purge_KeepsDeletionsYoungerThanTheTombstoneDays()
    {
        await Client.CreateTaskAsync(UserId);
        var old = (await Client.ReadPageAsync(UserId)).GetProperty("next").GetString();
        var doomed = await Client.CreateTaskAsync(UserId);
        using (await Client.DeleteAsync(Api.TaskPath(UserId, doomed.Id())))
        {
        }

        await PurgeAsAfter(TimeSpan.FromDays(29));
        var page = await Client.ReadPageAsync(UserId, old);

        Assert.That(page.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("op").GetString()), Is.EqualTo(new[] { "delete" }));
    }

    private async Task PurgeAsAfter(TimeSpan elapsed)
    {
        Factory.Clock.Advance(elapsed);
        try
        {
            await Factory.Services.GetRequiredService<TombstonePurger>().PurgeAsync(CancellationToken.None);
        }
        finally
        {
            Factory.Clock.Reset();
        }
    }
}
