using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Data.Sqlite;
using Microsoft.IdentityModel.Tokens;

// The same work as TaskManager with no layers: HS256 check, ownership check, indexed SQLite statements (a write and its
// changes-feed row in one transaction), source-generated JSON.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ReferenceJson.Default));
var secret = builder.Configuration["BETTER_AUTH_SECRET"] ?? throw new InvalidOperationException("BETTER_AUTH_SECRET is required");
builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
{
    o.MapInboundClaims = false;
    o.TokenValidationParameters = new TokenValidationParameters
    {
        IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        RequireExpirationTime = true,
        ClockSkew = TimeSpan.FromSeconds(30),
        ValidateIssuer = false,
        ValidateAudience = false,
    };
});
builder.Services.AddAuthorization();
var connectionString = builder.Configuration["ConnectionStrings:TaskManager"] ?? "Data Source=reference.db";

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();

// The service's schema, indexes included, and the same work per write: every write maintains the same indexes (the
// service's list filters and orders need them) and records the change in the user's changes feed in its transaction,
// as the contract asks, so that the comparison measures the layers, not a lighter table or a lighter write.
using (var setup = new SqliteConnection(connectionString))
{
    setup.Open();
    Execute(setup, """
        PRAGMA journal_mode=WAL;
        CREATE TABLE IF NOT EXISTS tasks (id TEXT NOT NULL PRIMARY KEY, user_id TEXT NOT NULL, title TEXT NOT NULL, description TEXT NULL,
            completed INTEGER NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, version INTEGER NOT NULL,
            completed_at TEXT NULL, due_at TEXT NULL, priority INTEGER NOT NULL DEFAULT 0, tags TEXT NOT NULL DEFAULT '[]');
        CREATE INDEX IF NOT EXISTS ix_tasks_user_created ON tasks (user_id, created_at, id);
        CREATE INDEX IF NOT EXISTS ix_tasks_user_updated ON tasks (user_id, updated_at, id);
        CREATE INDEX IF NOT EXISTS ix_tasks_user_completed ON tasks (user_id, completed, created_at);
        CREATE INDEX IF NOT EXISTS ix_tasks_user_completed_due ON tasks (user_id, completed, due_at, id);
        CREATE INDEX IF NOT EXISTS ix_tasks_user_priority ON tasks (user_id, priority, id);
        CREATE TABLE IF NOT EXISTS task_tags (key TEXT NOT NULL, task_id TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE, name TEXT NOT NULL,
            PRIMARY KEY (task_id, key));
        CREATE TABLE IF NOT EXISTS change_counters (user_id TEXT NOT NULL PRIMARY KEY, last_sequence INTEGER NOT NULL, forgotten_through INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS task_changes (task_id TEXT NOT NULL PRIMARY KEY, user_id TEXT NOT NULL, sequence INTEGER NOT NULL, deleted_at TEXT NULL);
        CREATE INDEX IF NOT EXISTS ix_task_changes_deleted_at ON task_changes (deleted_at);
        CREATE UNIQUE INDEX IF NOT EXISTS ix_task_changes_user_sequence ON task_changes (user_id, sequence);
        """);
}

const string Columns = "id, user_id, title, description, completed, created_at, updated_at, version, due_at, priority, tags, completed_at";
var tasks = app.MapGroup("/api/{user_id}/tasks").RequireAuthorization();

tasks.MapGet("/", async (string user_id, ClaimsPrincipal user, int? limit, int? offset) =>
{
    if (!Owns(user, user_id))
    {
        return Results.StatusCode(403);
    }

    await using var db = await OpenAsync();
    var total = Convert.ToInt32(await Scalar(db, "SELECT COUNT(*) FROM tasks WHERE user_id = $u", ("$u", user_id)), CultureInfo.InvariantCulture);
    await using var command = Command(db, $"SELECT {Columns} FROM tasks WHERE user_id = $u ORDER BY created_at, id LIMIT $l OFFSET $o",
        ("$u", user_id), ("$l", limit ?? 100), ("$o", offset ?? 0));
    var list = new List<TaskRow>();
    await using var reader = await command.ExecuteReaderAsync();
    while (await reader.ReadAsync())
    {
        list.Add(Read(reader));
    }

    return Results.Ok(list);
});

tasks.MapGet("/{task_id}", async (string user_id, string task_id, ClaimsPrincipal user) =>
{
    if (!Owns(user, user_id))
    {
        return Results.StatusCode(403);
    }

    await using var db = await OpenAsync();
    var task = await Find(db, user_id, task_id);
    return task is null ? Results.NotFound() : Results.Ok(task);
});

tasks.MapPost("/", async (string user_id, ClaimsPrincipal user, CreateBody body) =>
{
    if (!Owns(user, user_id))
    {
        return Results.StatusCode(403);
    }

    var title = body.Title?.Trim();
    if (string.IsNullOrEmpty(title) || title.Length > 255)
    {
        return Results.StatusCode(422);
    }

    var now = Now();
    var completed = body.Completed ?? false;
    var task = new TaskRow(Guid.CreateVersion7(), user_id, title, body.Description, completed, now, now, 1, null, "none", [], completed ? now : null);
    await using var db = await OpenAsync();
    await using var transaction = db.BeginTransaction();
    await RecordChange(db, user_id, task.Id);
    await using var insert = Command(db, $"INSERT INTO tasks ({Columns}) VALUES ($id, $u, $t, $d, $c, $n, $n, 1, NULL, 0, '[]', $a)",
        ("$id", Key(task.Id)), ("$u", user_id), ("$t", title), ("$d", (object?)body.Description ?? DBNull.Value),
        ("$c", task.Completed), ("$n", Stamp(now)), ("$a", completed ? Stamp(now) : DBNull.Value));
    await insert.ExecuteNonQueryAsync();
    await transaction.CommitAsync();
    return Results.Created($"/api/{user_id}/tasks/{task.Id}", task);
});

tasks.MapPut("/{task_id}", async (string user_id, string task_id, ClaimsPrincipal user, UpdateBody body) =>
{
    if (!Owns(user, user_id))
    {
        return Results.StatusCode(403);
    }

    await using var db = await OpenAsync();
    var task = await Find(db, user_id, task_id);
    if (task is null)
    {
        return Results.NotFound();
    }

    var now = Now();
    var completed = body.Completed ?? task.Completed;
    var changed = task with
    {
        Title = body.Title?.Trim() ?? task.Title,
        Description = body.Description ?? task.Description,
        Completed = completed,
        CompletedAt = completed == task.Completed ? task.CompletedAt : completed ? now : null,
    };
    return Results.Ok(changed == task ? task : await Save(db, changed with { UpdatedAt = now, Version = task.Version + 1 }, task.Version));
});

tasks.MapPatch("/{task_id}/complete", async (string user_id, string task_id, ClaimsPrincipal user) =>
{
    if (!Owns(user, user_id))
    {
        return Results.StatusCode(403);
    }

    await using var db = await OpenAsync();
    var task = await Find(db, user_id, task_id);
    return task is null
        ? Results.NotFound()
        : Results.Ok(await Save(db, Toggled(task, Now()), task.Version));
});

app.MapGet("/health/live", () => Results.Ok());
app.Run();

bool Owns(ClaimsPrincipal user, string pathUser) => string.Equals(user.FindFirst("sub")?.Value, pathUser, StringComparison.Ordinal);

async Task<SqliteConnection> OpenAsync()
{
    var connection = new SqliteConnection(connectionString);
    await connection.OpenAsync();
    // The same per-connection settings as the service.
    await using var pragmas = Command(connection, "PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL;");
    await pragmas.ExecuteNonQueryAsync();
    return connection;
}

static SqliteCommand Command(SqliteConnection db, string sql, params (string Name, object Value)[] parameters)
{
    var command = db.CreateCommand();
    command.CommandText = sql;
    foreach (var (name, value) in parameters)
    {
        command.Parameters.AddWithValue(name, value);
    }

    return command;
}

static async Task<object?> Scalar(SqliteConnection db, string sql, params (string Name, object Value)[] parameters)
{
    await using var command = Command(db, sql, parameters);
    return await command.ExecuteScalarAsync();
}

static async Task<TaskRow?> Find(SqliteConnection db, string userId, string taskId)
{
    if (!Guid.TryParseExact(taskId, "D", out var id))
    {
        return null;
    }

    await using var command = Command(db, $"SELECT {Columns} FROM tasks WHERE id = $id AND user_id = $u LIMIT 1",
        ("$id", Key(id)), ("$u", userId));
    await using var reader = await command.ExecuteReaderAsync();
    return await reader.ReadAsync() ? Read(reader) : null;
}

static TaskRow Toggled(TaskRow task, DateTime now) =>
    task with { Completed = !task.Completed, CompletedAt = task.Completed ? null : now, UpdatedAt = now, Version = task.Version + 1 };

static async Task<TaskRow> Save(SqliteConnection db, TaskRow task, int expectedVersion)
{
    await using var transaction = db.BeginTransaction();
    await RecordChange(db, task.UserId, task.Id);
    await using var update = Command(db,
        "UPDATE tasks SET title = $t, description = $d, completed = $c, completed_at = $a, updated_at = $n, version = $v WHERE id = $id AND version = $e",
        ("$t", task.Title), ("$d", (object?)task.Description ?? DBNull.Value), ("$c", task.Completed),
        ("$a", task.CompletedAt is { } at ? Stamp(at) : DBNull.Value), ("$n", Stamp(task.UpdatedAt)),
        ("$v", task.Version), ("$id", Key(task.Id)), ("$e", expectedVersion));
    await update.ExecuteNonQueryAsync();
    await transaction.CommitAsync();
    return task;
}

// The service's feed write (its RecordChangeSql): the user's counter raised, the task's feed row given the new number.
static async Task RecordChange(SqliteConnection db, string userId, Guid taskId)
{
    await using var record = Command(db, """
        INSERT INTO change_counters (user_id, last_sequence, forgotten_through) VALUES ($u, 1, 0)
        ON CONFLICT (user_id) DO UPDATE SET last_sequence = change_counters.last_sequence + 1;
        INSERT INTO task_changes (task_id, user_id, sequence, deleted_at)
        SELECT $id, user_id, last_sequence, NULL FROM change_counters WHERE user_id = $u
        ON CONFLICT (task_id) DO UPDATE SET sequence = excluded.sequence, deleted_at = excluded.deleted_at;
        """, ("$u", userId), ("$id", Key(taskId)));
    await record.ExecuteNonQueryAsync();
}

static string Key(Guid id) => id.ToString().ToUpperInvariant();

static TaskRow Read(SqliteDataReader r) => new(
    r.GetGuid(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetBoolean(4), Utc(r, 5), Utc(r, 6), r.GetInt32(7),
    r.IsDBNull(8) ? null : Utc(r, 8), PriorityName(r.GetInt32(9)), JsonSerializer.Deserialize(r.GetString(10), ReferenceJson.Default.StringArray)!,
    r.IsDBNull(11) ? null : Utc(r, 11));

static string PriorityName(int rank) => rank switch { 1 => "low", 2 => "medium", 3 => "high", _ => "none" };

static DateTime Utc(SqliteDataReader r, int column) => DateTime.SpecifyKind(r.GetDateTime(column), DateTimeKind.Utc);

static DateTime Now()
{
    var now = DateTime.UtcNow;
    return new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
}

static string Stamp(DateTime value) => value.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

static void Execute(SqliteConnection db, string sql)
{
    using var command = db.CreateCommand();
    command.CommandText = sql;
    command.ExecuteNonQuery();
}

internal sealed record TaskRow(
    Guid Id, string UserId, string Title, string? Description, bool Completed, DateTime CreatedAt, DateTime UpdatedAt,
    [property: JsonIgnore] int Version, DateTime? DueAt, string Priority, string[] Tags, DateTime? CompletedAt);

internal sealed record CreateBody(string? Title, string? Description, bool? Completed);

internal sealed record UpdateBody(string? Title, string? Description, bool? Completed);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(TaskRow))]
[JsonSerializable(typeof(List<TaskRow>))]
[JsonSerializable(typeof(CreateBody))]
[JsonSerializable(typeof(UpdateBody))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class ReferenceJson : JsonSerializerContext;
