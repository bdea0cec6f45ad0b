using Npgsql;

namespace TaskManager.Infrastructure.Sync;

/// <summary>
/// Hears the changes committed by every instance on one dedicated connection (<c>LISTEN</c>), and wakes this
/// instance's streams of their users. A lost connection is opened again by itself; as notifications sent meanwhile
/// are lost, every stream then reads the feed for what it missed.
/// </summary>
internal sealed partial class PostgresChangeListener(
    string connectionString, ChangeSignals signals, ILogger<PostgresChangeListener> logger) : BackgroundService
{
    public const string Channel = "task_changes";

    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            // Its own physical connection, outside the pool; keepalives find a dead server while it waits.
            Pooling = false,
            KeepAlive = 10,
            TcpKeepAlive = true,
        };
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                // The payload is "sequence:user" (see PostgresTaskManagerDbContext.RecordChangeSql): the feed holds the change.
                connection.Notification += (_, e) => signals.Publish(e.Payload[(e.Payload.IndexOf(':', StringComparison.Ordinal) + 1)..]);
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                LogListening(logger);
                signals.PublishAll();
                while (true)
                {
                    // Notifications arrive only while a command runs or this waits.
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or System.Net.Sockets.SocketException or IOException or TimeoutException or InvalidOperationException)
            {
                LogLost(logger, exception);
                signals.PublishAll();
            }

            try
            {
                await Task.Delay(ReconnectDelay, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for changes from every instance")]
    private static partial void LogListening(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The change listener lost its connection; reconnecting")]
    private static partial void LogLost(ILogger logger, Exception exception);
}
