using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace TaskManager.Infrastructure.Persistence;

/// <summary>Which database to use and how to reach it, from <c>Database:Provider</c>, the connection string and <c>DATABASE_URL</c>.</summary>
public sealed record DatabaseConnection(DatabaseProvider Provider, string ConnectionString)
{
    public const string ProviderKey = "Database:Provider";
    public const string ConnectionStringName = "TaskManager";
    public const string DatabaseUrlVariable = "DATABASE_URL";
    public const string DefaultSqliteFile = "taskmanager.db";

    /// <exception cref="InvalidOperationException">The settings name an unknown provider or lack a connection string; the message says which.</exception>
    public static DatabaseConnection From(IConfiguration configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var providerName = configuration[ProviderKey];
        var databaseUrl = configuration[DatabaseUrlVariable];
        var connectionString = configuration.GetConnectionString(ConnectionStringName);

        DatabaseProvider provider;
        if (string.IsNullOrWhiteSpace(providerName))
        {
            // DATABASE_URL alone is how Neon and Heroku hand out PostgreSQL.
            provider = string.IsNullOrWhiteSpace(databaseUrl) ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres;
        }
        else if (!Enum.TryParse(providerName, ignoreCase: true, out provider) || !Enum.IsDefined(provider)
            || !providerName.All(char.IsAsciiLetter))
        {
            throw new InvalidOperationException(
                $"{ProviderKey} is '{providerName}': use Sqlite, SqlServer or Postgres.");
        }

        return provider switch
        {
            DatabaseProvider.Sqlite => new(provider, SqliteFile(connectionString, contentRoot)),
            DatabaseProvider.Postgres => new(provider, Postgres(connectionString, databaseUrl)),
            _ => new(provider, string.IsNullOrWhiteSpace(connectionString)
                ? throw new InvalidOperationException($"{ProviderKey} is SqlServer: set ConnectionStrings:{ConnectionStringName}.")
                : connectionString),
        };
    }

    /// <summary>Turns a <c>postgres://user:password@host:port/database?sslmode=require</c> URL into an Npgsql connection string.</summary>
    /// <exception cref="InvalidOperationException">The URL cannot be read; the message says why, without the password.</exception>
    public static string FromPostgresUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("postgres" or "postgresql") || uri.Host.Length == 0)
        {
            throw new InvalidOperationException($"{DatabaseUrlVariable} must look like postgresql://user:password@host:5432/database.");
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')) is { Length: > 0 } database ? database : null,
        };
        var userInfo = uri.UserInfo.Split(':', 2);
        if (userInfo[0].Length > 0)
        {
            builder.Username = Uri.UnescapeDataString(userInfo[0]);
        }

        if (userInfo.Length == 2)
        {
            builder.Password = Uri.UnescapeDataString(userInfo[1]);
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            var name = Uri.UnescapeDataString(parts[0]);
            var value = parts.Length == 2 ? Uri.UnescapeDataString(parts[1]) : string.Empty;
            Apply(builder, name, value);
        }

        return builder.ConnectionString;
    }

    private static void Apply(NpgsqlConnectionStringBuilder builder, string name, string value)
    {
        try
        {
            switch (name)
            {
                case "sslmode":
                    builder.SslMode = Enum.Parse<SslMode>(value.Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true);
                    break;
                case "channel_binding":
                    builder.ChannelBinding = Enum.Parse<ChannelBinding>(value, ignoreCase: true);
                    break;
                case "connect_timeout":
                    builder.Timeout = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case "application_name":
                    builder.ApplicationName = value;
                    break;
                case "sslrootcert":
                    builder.RootCertificate = value;
                    break;
                case "target_session_attrs":
                    builder.TargetSessionAttributes = value;
                    break;
                default:
                    throw new InvalidOperationException(
                        $"{DatabaseUrlVariable} has the parameter '{name}', which TaskManager does not map: use sslmode, channel_binding, connect_timeout, application_name, sslrootcert or target_session_attrs, or set ConnectionStrings:{ConnectionStringName} in Npgsql's own format.");
            }
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or OverflowException)
        {
            throw new InvalidOperationException($"{DatabaseUrlVariable} has an invalid value for '{name}'.", exception);
        }
    }

    private static string Postgres(string? connectionString, string? databaseUrl)
    {
        var source = string.IsNullOrWhiteSpace(connectionString) ? databaseUrl : connectionString;
        if (string.IsNullOrWhiteSpace(source))
        {
            throw new InvalidOperationException(
                $"{ProviderKey} is Postgres: set {DatabaseUrlVariable} or ConnectionStrings:{ConnectionStringName}.");
        }

        return source.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || source.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
            ? FromPostgresUrl(source)
            : source;
    }

    /// <summary>A relative database file lives beside the app's content, wherever the process was started from.</summary>
    private static string SqliteFile(string? connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(
            string.IsNullOrWhiteSpace(connectionString) ? $"Data Source={DefaultSqliteFile}" : connectionString);
        if (builder.DataSource is { Length: > 0 } file && file != ":memory:" && builder.Mode != SqliteOpenMode.Memory
            && !Path.IsPathRooted(file))
        {
            builder.DataSource = Path.Combine(contentRoot, file);
        }

        return builder.ToString();
    }
}
