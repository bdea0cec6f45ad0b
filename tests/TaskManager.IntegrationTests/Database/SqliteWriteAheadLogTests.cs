using TaskManager.IntegrationTests.Infrastructure;

namespace TaskManager.IntegrationTests.Database;

/// <summary>
/// The writers fold SQLite's write-ahead log back into the file themselves, after their turn (SQLite's own checkpoint,
/// inside a commit and so inside the turn, only comes at 4,000 pages): sustained writes keep the log small.
/// </summary>
public sealed class SqliteWriteAheadLogTests
{
    private const int PageSize = 4096;

    [Test]
    public async Task SustainedWrites_KeepTheWriteAheadLogSmall()
    {
        using var factory = new TaskManagerApiFactory();
        var user = Api.NewUserId();
        using var client = factory.ClientFor(user);
        var log = Path.Combine(Path.GetTempPath(), factory.DatabaseName + ".db-wal");

        // A dozen pages or so a task (the row, five indexes, its feed row and two indexes, the counter): the log reaches
        // SQLite's own 4,000 unless it is folded back and started over on the way.
        for (var task = 0; task < 300; task++)
        {
            await client.CreateTaskAsync(user);
        }

        Assert.That(new FileInfo(log).Length / PageSize, Is.LessThan(1_500), "pages the log ever held");
    }
}
