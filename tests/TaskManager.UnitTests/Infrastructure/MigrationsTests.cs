using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using TaskManager.Infrastructure.Persistence;
using TaskManager.Infrastructure.Persistence.Postgres;
using TaskManager.Infrastructure.Persistence.Sqlite;
using TaskManager.Infrastructure.Persistence.SqlServer;

namespace TaskManager.UnitTests.Infrastructure;

/// <summary>Each provider's migrations describe the current model: nobody forgot to add one.</summary>
public sealed class MigrationsTests
{
    public static IEnumerable<TestCaseData> Contexts()
    {
        yield return new TestCaseData(new SqliteDesignTimeFactory()).SetArgDisplayNames("Sqlite");
        yield return new TestCaseData(new PostgresDesignTimeFactory()).SetArgDisplayNames("Postgres");
        yield return new TestCaseData(new SqlServerDesignTimeFactory()).SetArgDisplayNames("SqlServer");
    }

    [TestCaseSource(nameof(Contexts))]
    public void Migrations_ForEachProvider_MatchTheModel(object factory)
    {
        using var context = Create(factory);

        Assert.That(context.Database.GetMigrations(), Is.Not.Empty);
        Assert.That(context.Database.HasPendingModelChanges(), Is.False);
    }

    private static TaskManagerDbContext Create(object factory) => factory switch
    {
        IDesignTimeDbContextFactory<SqliteTaskManagerDbContext> sqlite => sqlite.CreateDbContext([]),
        IDesignTimeDbContextFactory<PostgresTaskManagerDbContext> postgres => postgres.CreateDbContext([]),
        IDesignTimeDbContextFactory<SqlServerTaskManagerDbContext> sqlServer => sqlServer.CreateDbContext([]),
        _ => throw new ArgumentException("not a design-time factory", nameof(factory)),
    };
}
