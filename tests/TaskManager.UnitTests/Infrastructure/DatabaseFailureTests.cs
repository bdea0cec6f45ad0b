using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using TaskManager.Infrastructure;

namespace TaskManager.UnitTests.Infrastructure;

public sealed class DatabaseFailureTests
{
    public static IEnumerable<TestCaseData> Outages()
    {
        yield return new TestCaseData(new RetryLimitExceededException("gave up", new TimeoutException())).SetArgDisplayNames("retries exhausted");
        yield return new TestCaseData(new TimeoutException()).SetArgDisplayNames("timeout");
        yield return new TestCaseData(new NpgsqlException("refused", new SocketException())).SetArgDisplayNames("PostgreSQL unreachable");
        yield return new TestCaseData(Postgres("57P01")).SetArgDisplayNames("PostgreSQL shutting down");
        yield return new TestCaseData(Postgres("53300")).SetArgDisplayNames("PostgreSQL too many clients");
        yield return new TestCaseData(Postgres("08006")).SetArgDisplayNames("PostgreSQL connection failure");
        yield return new TestCaseData(Postgres("28P01")).SetArgDisplayNames("PostgreSQL login refused");
        yield return new TestCaseData(Postgres("3D000")).SetArgDisplayNames("PostgreSQL no such database");
        yield return new TestCaseData(new SqliteException("busy", 5)).SetArgDisplayNames("SQLite busy");
        yield return new TestCaseData(new SqliteException("locked", 6)).SetArgDisplayNames("SQLite locked");
        yield return new TestCaseData(new SqliteException("io", 10 | (4 << 8))).SetArgDisplayNames("SQLite I/O error, extended code");
        yield return new TestCaseData(new SqliteException("full", 13)).SetArgDisplayNames("SQLite disk full");
        yield return new TestCaseData(new SqliteException("cannot open", 14)).SetArgDisplayNames("SQLite cannot open");
        yield return new TestCaseData(new DbUpdateException("save", new SqliteException("busy", 5))).SetArgDisplayNames("a save that met SQLite busy");
    }

    public static IEnumerable<TestCaseData> Refusals()
    {
        yield return new TestCaseData(Postgres("22021")).SetArgDisplayNames("PostgreSQL NUL in text");
        yield return new TestCaseData(Postgres("42P01")).SetArgDisplayNames("PostgreSQL no such table");
        yield return new TestCaseData(Postgres("23505")).SetArgDisplayNames("PostgreSQL unique violation");
        yield return new TestCaseData(new SqliteException("error", 1)).SetArgDisplayNames("SQLite SQL error");
        yield return new TestCaseData(new SqliteException("constraint", 19)).SetArgDisplayNames("SQLite constraint");
        yield return new TestCaseData(new SqliteException("corrupt", 11)).SetArgDisplayNames("SQLite corrupt");
        yield return new TestCaseData(new DbUpdateException("save", Postgres("23505"))).SetArgDisplayNames("a save PostgreSQL refused");
        yield return new TestCaseData(new DbUpdateException("save")).SetArgDisplayNames("a save with no database error");
        yield return new TestCaseData(new System.Text.EncoderFallbackException()).SetArgDisplayNames("text Npgsql cannot encode");
        yield return new TestCaseData(new InvalidOperationException()).SetArgDisplayNames("not a database error");
    }

    [TestCaseSource(nameof(Outages))]
    public void IsOutage_WhenTheDatabaseCannotServe_ReturnsTrue(Exception exception) =>
        Assert.That(DatabaseFailure.IsOutage(exception), Is.True);

    [TestCaseSource(nameof(Refusals))]
    public void IsOutage_WhenTheDatabaseRefusedTheCommand_ReturnsFalse(Exception exception) =>
        Assert.That(DatabaseFailure.IsOutage(exception), Is.False);

    private static PostgresException Postgres(string sqlState) => new("message", "ERROR", "ERROR", sqlState);
}
