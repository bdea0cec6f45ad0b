using System.Net;
using TaskManager.IntegrationTests.Infrastructure;

namespace TaskManager.IntegrationTests.Database;

/// <summary>Two instances on different ports over one database serve the same users as one: the service keeps no state.</summary>
[TestFixtureSource(typeof(TestDatabases), nameof(TestDatabases.Servers))]
[NonParallelizable]
public sealed class ScaleOutTests(TestDatabase database)
{
    [Test]
    public async Task TwoInstances_SharingOneDatabase_ServeTheSameTasks()
    {
        var name = $"taskmanager_test_{Guid.NewGuid():N}";
        var settings = TestDatabases.NewDatabaseSettings(database, name);
        var user = Api.NewUserId();
        try
        {
            using var first = await ApiProcess.StartAsync(settings);
            using var second = await ApiProcess.StartAsync(settings);
            using var one = first.ClientFor(user);
            using var two = second.ClientFor(user);

            var created = await one.CreateTaskAsync(user, """{"title":"made on one"}""");
            var path = Api.TaskPath(user, created.GetProperty("id").GetString()!);

            using var read = await two.GetAsync(path);
            Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            var etag = read.Headers.ETag!.Tag;

            using var updated = await two.SendAsync(HttpMethod.Put, path, """{"title":"changed on two"}""", h => h.IfMatch.ParseAdd(etag));
            Assert.That(updated.StatusCode, Is.EqualTo(HttpStatusCode.OK));

            using var stale = await one.SendAsync(HttpMethod.Put, path, """{"title":"stale on one"}""", h => h.IfMatch.ParseAdd(etag));
            Assert.That(stale.StatusCode, Is.EqualTo(HttpStatusCode.PreconditionFailed), "one sees two's write");

            using var seen = await one.GetAsync(path);
            Assert.That((await seen.BodyAsync()).GetProperty("title").GetString(), Is.EqualTo("changed on two"));

            using var deleted = await one.DeleteAsync(path);
            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            using var gone = await two.GetAsync(path);
            Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        }
        finally
        {
            TestDatabases.Drop(database, name);
        }
    }
}
