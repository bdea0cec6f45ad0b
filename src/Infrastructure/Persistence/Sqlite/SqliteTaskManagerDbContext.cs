using Microsoft.EntityFrameworkCore;

namespace TaskManager.Infrastructure.Persistence.Sqlite;

public sealed class SqliteTaskManagerDbContext(DbContextOptions<SqliteTaskManagerDbContext> options) : TaskManagerDbContext(options);
