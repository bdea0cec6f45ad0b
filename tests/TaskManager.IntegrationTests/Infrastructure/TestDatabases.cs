using Microsoft.Data.SqlClient;
using Npgsql;

namespace TaskManager.IntegrationTests.Infrastructure;

public enum TestDatabase
{
    Sqlite,
    Postgres,
    SqlServer,
}

/// <summary>
/// The databases the suite runs on: SQLite always; PostgreSQL and SQL Server when a variable names a server.
/// A named server that cannot be reached fails the tests: it is never skipped.
/// </summary>
public static class TestDatabases
{
    /// <summary>An Npgsql connection string to a server where the tests may create and drop databases.</summary>
    public const string PostgresVariable = "TASKMANAGER_TEST_POSTGRES";

    /// <summary>A SQL Server connection string to a server where the tests may create and drop databases.</summary>
    public const string SqlServerVariable = "TASKMANAGER_TEST_SQLSERVER";

    /// <summary>A script taking <c>stop</c> and <c>start</c> for the PostgreSQL server (scripts/test-postgres.sh).</summary>
    public const string PostgresControlVariable = "TASKMANAGER_TEST_POSTGRES_CONTROL";

    public static IEnumerable<TestDatabase> All()
    {
        yield return TestDatabase.Sqlite;
        if (Configured(PostgresVariable))
        {
            yield return TestDatabase.Postgres;
        }

        if (Configured(SqlServerVariable))
        {
            yield return TestDatabase.SqlServer;
        }
    }

    public static IEnumerable<TestDatabase> Servers() => All().Where(database => database != TestDatabase.Sqlite);

    /// <summary>Settings that point the API at a new, empty database of this kind.</summary>
    public static Dictionary<string, string?> NewDatabaseSettings(TestDatabase database, string name) => database switch
    {
        TestDatabase.Postgres => new()
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:TaskManager"] = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(PostgresVariable))
            {
                Database = name,
            }.ConnectionString,
        },
        TestDatabase.SqlServer => new()
        {
            ["Database:Provider"] = "SqlServer",
            ["ConnectionStrings:TaskManager"] = new SqlConnectionStringBuilder(Environment.GetEnvironmentVariable(SqlServerVariable))
            {
                InitialCatalog = name,
            }.ConnectionString,
        },
        _ => new()
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:TaskManager"] = $"Data Source={Path.Combine(Path.GetTempPath(), name + ".db")}",
        },
    };

    /// <summary>Drops what <see cref="NewDatabaseSettings"/> pointed at.</summary>
    public static void Drop(TestDatabase database, string name)
    {
        switch (database)
        {
            case TestDatabase.Postgres:
                NpgsqlConnection.ClearAllPools();
                using (var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable(PostgresVariable)))
                {
                    connection.Open();
                    using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
                    command.ExecuteNonQuery();
                }

                break;
            case TestDatabase.SqlServer:
                SqlConnection.ClearAllPools();
                using (var connection = new SqlConnection(Environment.GetEnvironmentVariable(SqlServerVariable)))
                {
                    connection.Open();
                    using var command = new SqlCommand(
                        $"IF DB_ID('{name}') IS NOT NULL BEGIN ALTER DATABASE [{name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{name}]; END",
                        connection);
                    command.ExecuteNonQuery();
                }

                break;
            default:
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                var file = Path.Combine(Path.GetTempPath(), name + ".db");
                foreach (var suffix in new[] { "", "-wal", "-shm" })
                {
                    File.Delete(file + suffix);
                }

                break;
        }
    }

    private static bool Configured(string variable) => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(variable));
}
