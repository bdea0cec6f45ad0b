using System.Text.Json;

namespace TaskManager.IntegrationTests.Infrastructure;

/// <summary>
/// A client that keeps a copy of one user's tasks from the live events alone, as an SPA would: in the background it
/// applies each event, and when the stream ends it reconnects with a fresh token and its last event id.
/// </summary>
public sealed class LiveReplica : IAsyncDisposable
{
    private readonly Func<HttpClient> _newClient;
    private readonly string _userId;
    private readonly Dictionary<string, JsonElement> _tasks = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _reading = Task.CompletedTask;
    private string? _lastId;

    private LiveReplica(Func<HttpClient> newClient, string userId)
    {
        _newClient = newClient;
        _userId = userId;
    }

    /// <summary>The ids of every task an event named, in the order they came.</summary>
    public List<string> Seen { get; } = [];

    public int Reconnections { get; private set; }

    /// <summary>Opens the stream (from now) and returns once it is open.</summary>
    public static async Task<LiveReplica> StartAsync(Func<HttpClient> newClient, string userId)
    {
        var replica = new LiveReplica(newClient, userId);
        replica._reading = Task.Run(replica.ReadAsync);
        await replica._opened.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return replica;
    }

    /// <summary>The copy, by id, once it equals <paramref name="server"/> or <paramref name="timeout"/> has passed.</summary>
    public async Task<Dictionary<string, string>> SettleAsync(Dictionary<string, string> server, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var copy = Snapshot();
            if (DateTime.UtcNow > deadline || (copy.Count == server.Count && !copy.Except(server).Any()))
            {
                return copy;
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _reading;
        _stop.Dispose();
    }

    private Dictionary<string, string> Snapshot()
    {
        lock (_tasks)
        {
            return ChangesFeed.Raw(_tasks);
        }
    }

    private async Task ReadAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            using var client = _newClient();
            try
            {
                await using var stream = await EventStreamClient.OpenAsync(client, _userId, _lastId);
                _opened.TrySetResult();
                while (!_stop.IsCancellationRequested && await stream.NextAsync(TimeSpan.FromDays(1)).WaitAsync(_stop.Token) is { } next)
                {
                    lock (_tasks)
                    {
                        ChangesFeed.Apply(_tasks, next.Json);
                        Seen.Add(next.Json.TryGetProperty("task", out var task) ? task.Id() : next.Json.GetProperty("id").GetString()!);
                        _lastId = next.Id;
                    }
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpRequestException)
            {
            }

            Reconnections++;
            await Task.Delay(100);
        }
    }
}
