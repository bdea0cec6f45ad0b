using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using TaskManager.Infrastructure.Persistence;
using TaskManager.IntegrationTests.Infrastructure;

namespace TaskManager.IntegrationTests.Database;

/// <summary>A database made by the v1 migration and filled by v1 keeps serving its tasks once the API has migrated it.</summary>
[TestFixtureSource(typeof(TestDatabases), nameof(TestDatabases.All))]
public sealed class UpgradeFromV1Tests(TestDatabase database)
{
    private const string V1Migration = "InitialCreate";

    private static readonly DateTime Created = new(2026, 11, 20, 9, 15, 30, 125, DateTimeKind.Utc);

    [Test]
    public async Task Migrate_AV1DatabaseWithTasks_ServesTheSameTasksWithTheNewFieldsAtTheirDefaults()
    {
        var name = $"taskmanager_test_{Guid.NewGuid():N}";
        var user = Api.NewUserId();
        var other = Api.NewUserId();
        var rows = new[]
        {
            (Id: Guid.CreateVersion7(), User: user, Title: "Pending", Description: (string?)"v1 text", Completed: false, Updated: Created.AddMinutes(1), Version: 3),
            (Id: Guid.CreateVersion7(), User: user, Title: "Done", Description: (string?)null, Completed: true, Updated: Created.AddMinutes(7), Version: 2),
            (Id: Guid.CreateVersion7(), User: other, Title: "Theirs", Description: (string?)null, Completed: true, Updated: Created.AddMinutes(2), Version: 1),
        };
        try
        {
            using (var v1 = new TaskManagerApiFactory(
                new Dictionary<string, string?> { ["Database:MigrateOnStartup"] = "false" }, database: database, databaseName: name))
            {
                await using var scope = v1.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TaskManagerDbContext>();
                await db.GetService<IMigrator>().MigrateAsync(V1Migration);
                foreach (var row in rows)
                {
                    // The v1 table as v1 wrote it; parameters take each provider's own types for ids, flags and times.
                    await db.Database.ExecuteSqlRawAsync(
                        "INSERT INTO tasks (id, user_id, title, description, completed, created_at, updated_at, version) VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7})",
                        row.Id, row.User, row.Title, row.Description!, row.Completed, Created, row.Updated, row.Version);
                }
            }

            using var upgraded = new TaskManagerApiFactory(database: database, databaseName: name);
            using var client = upgraded.ClientFor(user);
            using var list = await client.GetAsync(Api.TasksPath(user));
            var tasks = (await list.BodyAsync()).EnumerateArray().ToDictionary(task => task.Id());
            var (done, doneETag) = await client.GetTaskAsync(user, rows[1].Id.ToString());

            Assert.Multiple(() =>
            {
                Assert.That(list.StatusCode, Is.EqualTo(HttpStatusCode.OK));
                Assert.That(tasks.Keys, Is.EquivalentTo(new[] { rows[0].Id.ToString(), rows[1].Id.ToString() }));
                foreach (var row in rows.Take(2))
                {
                    var task = tasks[row.Id.ToString()];
                    Assert.That(task.GetProperty("title").GetString(), Is.EqualTo(row.Title));
                    Assert.That(task.GetProperty("description").GetString(), Is.EqualTo(row.Description));
                    Assert.That(task.GetProperty("completed").GetBoolean(), Is.EqualTo(row.Completed));
                    Assert.That(task.GetProperty("created_at").GetString(), Is.EqualTo(Api.Rfc3339(Created)));
                    Assert.That(task.GetProperty("updated_at").GetString(), Is.EqualTo(Api.Rfc3339(row.Updated)));
                    Assert.That(task.GetProperty("priority").GetString(), Is.EqualTo("none"));
                    Assert.That(task.GetProperty("tags").GetArrayLength(), Is.Zero);
                    Assert.That(task.GetProperty("due_at").ValueKind, Is.EqualTo(JsonValueKind.Null));
                    Assert.That(
                        task.GetProperty("completed_at").ValueKind == JsonValueKind.Null ? null : task.GetProperty("completed_at").GetString(),
                        Is.EqualTo(row.Completed ? Api.Rfc3339(row.Updated) : null));
                }

                Assert.That(doneETag, Is.EqualTo("\"v2\""), "the version, and with it the ETag, is kept");
                Assert.That(done.ToString(), Is.EqualTo(tasks[rows[1].Id.ToString()].ToString()));
            });

            // A migrated task takes the new fields like any other.
            using var retag = await client.SendAsync(
                HttpMethod.Put, Api.TaskPath(user, rows[0].Id.ToString()), """{"tags":["Work"],"priority":"high"}""");
            var retagged = await retag.BodyAsync();
            Assert.That(retagged.GetProperty("tags")[0].GetString(), Is.EqualTo("Work"), retagged.ToString());
        }
        finally
        {
            TestDatabases.Drop(database, name);
        }
    }
}
