using Microsoft.EntityFrameworkCore;
using TaskManager.Infrastructure.Sync;

namespace TaskManager.Infrastructure.Persistence.Postgres;

public sealed class PostgresTaskManagerDbContext(DbContextOptions<PostgresTaskManagerDbContext> options) : TaskManagerDbContext(options)
{
    // Sent by the server at commit, and only then: every instance's listener hears of the change once it is readable.
    protected internal override async Task AnnounceInTransactionAsync(string userId, long sequence, CancellationToken cancellationToken) =>
        await Database.ExecuteSqlAsync(
            $"SELECT pg_notify({PostgresChangeListener.Channel}, {PostgresChangeListener.Payload(userId, sequence)})", cancellationToken);
}
