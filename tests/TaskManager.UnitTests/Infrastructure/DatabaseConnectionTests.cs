using Microsoft.Extensions.Configuration;
using Npgsql;
using TaskManager.Infrastructure.Persistence;

namespace TaskManager.UnitTests.Infrastructure;

public sealed class DatabaseConnectionTests
{
    private const string ContentRoot = "/srv/taskmanager";

    [Test]
    public void From_WithNothingConfigured_UsesSqliteFileInContentRoot()
    {
        var connection = DatabaseConnection.From(Configuration(), ContentRoot);

        Assert.That(connection.Provider, Is.EqualTo(DatabaseProvider.Sqlite));
        Assert.That(connection.ConnectionString, Is.EqualTo("Data Source=/srv/taskmanager/taskmanager.db"));
    }

    [Test]
    public void From_WithAbsoluteSqliteFile_KeepsIt()
    {
        var connection = DatabaseConnection.From(Configuration(("ConnectionStrings:TaskManager", "Data Source=/var/lib/tasks.db")), ContentRoot);

        Assert.That(connection.ConnectionString, Is.EqualTo("Data Source=/var/lib/tasks.db"));
    }

    [Test]
    public void From_WithDatabaseUrlAndNoProvider_SelectsPostgres()
    {
        var connection = DatabaseConnection.From(
            Configuration(("DATABASE_URL", "postgresql://neondb_owner:secret@ep-cool-1.eu-central-1.aws.neon.tech/neondb?sslmode=require&channel_binding=require")),
            ContentRoot);
        var builder = new NpgsqlConnectionStringBuilder(connection.ConnectionString);

        Assert.Multiple(() =>
        {
            Assert.That(connection.Provider, Is.EqualTo(DatabaseProvider.Postgres));
            Assert.That(builder.Host, Is.EqualTo("ep-cool-1.eu-central-1.aws.neon.tech"));
            Assert.That(builder.Port, Is.EqualTo(5432));
            Assert.That(builder.Database, Is.EqualTo("neondb"));
            Assert.That(builder.Username, Is.EqualTo("neondb_owner"));
            Assert.That(builder.Password, Is.EqualTo("secret"));
            Assert.That(builder.SslMode, Is.EqualTo(SslMode.Require));
            Assert.That(builder.ChannelBinding, Is.EqualTo(ChannelBinding.Require));
        });
    }

    [Test]
    public void From_WithEmptyProviderAndDatabaseUrl_SelectsPostgres()
    {
        var connection = DatabaseConnection.From(
            Configuration(("Database:Provider", ""), ("DATABASE_URL", "postgres://u@db.example:6543/app")), ContentRoot);

        Assert.That(connection.Provider, Is.EqualTo(DatabaseProvider.Postgres));
        Assert.That(new NpgsqlConnectionStringBuilder(connection.ConnectionString).Port, Is.EqualTo(6543));
    }

    [Test]
    public void FromPostgresUrl_WithEscapedCredentials_UnescapesThem()
    {
        var builder = new NpgsqlConnectionStringBuilder(
            DatabaseConnection.FromPostgresUrl("postgresql://us%40er:p%3Ass%2Fw%40rd@localhost/my%20db?sslmode=verify-full&connect_timeout=7&application_name=tm"));

        Assert.Multiple(() =>
        {
            Assert.That(builder.Username, Is.EqualTo("us@er"));
            Assert.That(builder.Password, Is.EqualTo("p:ss/w@rd"));
            Assert.That(builder.Database, Is.EqualTo("my db"));
            Assert.That(builder.SslMode, Is.EqualTo(SslMode.VerifyFull));
            Assert.That(builder.Timeout, Is.EqualTo(7));
            Assert.That(builder.ApplicationName, Is.EqualTo("tm"));
        });
    }

    [TestCase("mysql://u:p@host/db", TestName = "FromPostgresUrl_WithOtherScheme_Throws")]
    [TestCase("not a url", TestName = "FromPostgresUrl_WithGarbage_Throws")]
    [TestCase("postgresql://u:p@host/db?sslmode=sometimes", TestName = "FromPostgresUrl_WithBadSslMode_Throws")]
    [TestCase("postgresql://u:p@host/db?frobnicate=1", TestName = "FromPostgresUrl_WithUnknownParameter_Throws")]
    public void FromPostgresUrl_WithUnusableUrl_ThrowsWithoutThePassword(string url)
    {
        var exception = Assert.Throws<InvalidOperationException>(() => DatabaseConnection.FromPostgresUrl(url));

        Assert.That(exception!.Message, Does.Contain("DATABASE_URL").And.Not.Contain(":p@"));
    }

    [Test]
    public void From_WithProviderPostgresAndUrlConnectionString_ParsesTheUrl()
    {
        var connection = DatabaseConnection.From(
            Configuration(("Database:Provider", "postgres"), ("ConnectionStrings:TaskManager", "postgresql://u:p@h:5433/d")), ContentRoot);

        Assert.That(new NpgsqlConnectionStringBuilder(connection.ConnectionString).Host, Is.EqualTo("h"));
    }

    [Test]
    public void From_WithProviderPostgresAndNoConnection_ThrowsNamingTheSettings()
    {
        var exception = Assert.Throws<InvalidOperationException>(
            () => DatabaseConnection.From(Configuration(("Database:Provider", "Postgres")), ContentRoot));

        Assert.That(exception!.Message, Does.Contain("DATABASE_URL").And.Contain("ConnectionStrings:TaskManager"));
    }

    [Test]
    public void From_WithProviderSqlServerAndNoConnectionString_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => DatabaseConnection.From(Configuration(("Database:Provider", "SqlServer")), ContentRoot));
    }

    [TestCase("Oracle")]
    [TestCase("1")]
    [TestCase("Sqlite,Postgres")]
    public void From_WithUnknownProvider_ThrowsNamingTheChoices(string provider)
    {
        var exception = Assert.Throws<InvalidOperationException>(
            () => DatabaseConnection.From(Configuration(("Database:Provider", provider)), ContentRoot));

        Assert.That(exception!.Message, Does.Contain("Sqlite, SqlServer or Postgres"));
    }

    private static IConfiguration Configuration(params (string Key, string? Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, s.Value)))
            .Build();
}
