using Microsoft.EntityFrameworkCore.Design;

namespace TaskManager.Infrastructure.Persistence.Sqlite;

/// <summary>Lets <c>dotnet ef</c> build the SQLite context without starting the web host.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteTaskManagerDbContext>
{
    public SqliteTaskManagerDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteTaskManagerDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
