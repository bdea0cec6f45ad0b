using Microsoft.EntityFrameworkCore.Design;

namespace TaskManager.Infrastructure.Persistence.SqlServer;

/// <summary>Lets <c>dotnet ef</c> build the SQL Server context (and its scripts) without a server or the web host.</summary>
public sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerTaskManagerDbContext>
{
    public SqlServerTaskManagerDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerTaskManagerDbContext>().UseSqlServer("Server=localhost;Database=TaskManager;Trusted_Connection=True;TrustServerCertificate=True").Options);
}
