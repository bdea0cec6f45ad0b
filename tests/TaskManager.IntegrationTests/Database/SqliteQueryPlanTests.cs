using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TaskManager.Application.Tasks;
using TaskManager.Infrastructure.Persistence;
using TaskManager.IntegrationTests.Infrastructure;

namespace TaskManager.IntegrationTests.Database;

/// <summary>
/// "My pending tasks due before X" seeks its index on SQLite by user, status and due time, reading no other task: the
/// status filter must reach SQL as an equality, which SQLite can seek, and not as <c>NOT completed</c>, which it cannot.
/// </summary>
public sealed class SqliteQueryPlanTests
{
    [Test]
    public async Task PendingDueBefore_SeeksTheDueIndexByUserStatusAndDueTime()
    {
        using var factory = new TaskManagerApiFactory();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaskManagerDbContext>();
        var query = TaskQueryShapes.Organize(
            TaskQueryShapes.Filter(db.Tasks.Where(t => t.UserId == "alice"), TaskStatusFilter.Pending),
            new TaskOrganizingFilter(null, [], new DateTime(2026, 12, 24, 0, 0, 0, DateTimeKind.Utc), null));
        // ToQueryString puts the parameters' values first, as .param lines; the plan does not depend on them.
        var sql = string.Join('\n', query.ToQueryString().Split('\n').Where(line => !line.StartsWith(".param", StringComparison.Ordinal)));

        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(3));
            }
        }

        Assert.That(plan, Has.Some.EqualTo("SEARCH t USING INDEX ix_tasks_user_completed_due (user_id=? AND completed=? AND due_at<?)"));
    }
}
