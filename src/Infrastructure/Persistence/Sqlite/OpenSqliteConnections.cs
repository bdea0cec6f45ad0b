namespace TaskManager.Infrastructure.Persistence.Sqlite;

/// <summary>
/// The native connections that pooled contexts keep open (<see cref="ContextBoundSqliteConnection"/>), closed when the
/// application's services are disposed: EF's context pool, disposed, leaves the services of its contexts undisposed.
/// </summary>
internal sealed class OpenSqliteConnections : IDisposable
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<ContextBoundSqliteConnection, byte> _connections = new();

    public void Add(ContextBoundSqliteConnection connection) => _connections.TryAdd(connection, 0);

    public void Remove(ContextBoundSqliteConnection connection) => _connections.TryRemove(connection, out _);

    public void Dispose()
    {
        foreach (var connection in _connections.Keys)
        {
            connection.Dispose();
        }
    }
}
