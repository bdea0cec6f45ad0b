using Microsoft.EntityFrameworkCore.Design;

namespace TaskManager.Infrastructure.Persistence.Postgres;

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL context (and its scripts) without a server or the web host.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresTaskManagerDbContext>
{
    public PostgresTaskManagerDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresTaskManagerDbContext>().UseNpgsql("Host=localhost;Database=taskmanager").Options);
}
