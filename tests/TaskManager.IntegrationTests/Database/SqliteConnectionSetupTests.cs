using Microsoft.Data.Sqlite;
using TaskManager.Infrastructure.Persistence.Sqlite;

namespace TaskManager.IntegrationTests.Database;

/// <summary>
/// The setup runs once per wrapper (functions) and once per native connection (pragmas); every open, pooled or fresh,
/// must still see both.
/// </summary>
public sealed class SqliteConnectionSetupTests
{
    private string _path = null!;

    [SetUp]
    public void CreateFile() => _path = Path.Combine(Path.GetTempPath(), $"setup-{Guid.NewGuid():N}.db");

    [TearDown]
    public void DeleteFile()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }

    [TestCase(true, TestName = "EveryOpen_OfAPooledConnection_HasUnicodeLowerAndPragmas")]
    [TestCase(false, TestName = "EveryOpen_OfAFreshNativeConnection_HasUnicodeLowerAndPragmas")]
    public void EveryOpen_HasUnicodeLowerAndPragmas(bool pooling)
    {
        using var connection = new SqliteConnection($"Data Source={_path};Pooling={pooling}");
        for (var open = 0; open < 3; open++)
        {
            connection.Open();
            SqliteConnectionSetup.Instance.ConnectionOpened(connection, null!);
            Assert.Multiple(() =>
            {
                Assert.That(Scalar(connection, "SELECT lower('ÉTÉ Ä')"), Is.EqualTo("été ä"), $"open {open}");
                Assert.That(Scalar(connection, "PRAGMA busy_timeout"), Is.EqualTo(30000L), $"open {open}");
                Assert.That(Scalar(connection, "PRAGMA synchronous"), Is.EqualTo(1L), $"open {open}: NORMAL");
                Assert.That(Scalar(connection, "PRAGMA wal_autocheckpoint"), Is.EqualTo(4000L), $"open {open}");
                Assert.That(Scalar(connection, "PRAGMA cache_size"), Is.EqualTo(-256L), $"open {open}: KiB");
            });
            connection.Close();
        }
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
