using Microsoft.EntityFrameworkCore;

namespace TaskManager.Infrastructure.Persistence.Postgres;

public sealed class PostgresTaskManagerDbContext(DbContextOptions<PostgresTaskManagerDbContext> options) : TaskManagerDbContext(options);
