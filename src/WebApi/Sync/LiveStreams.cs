using System.Globalization;
using System.Net.ServerSentEvents;
using Microsoft.Extensions.Options;
using TaskManager.Application.Tasks.Changes;
using TaskManager.Infrastructure.Auth;
using TaskManager.Infrastructure.Sync;

namespace TaskManager.WebApi.Sync;

/// <summary>
/// The live streams of this instance: at most <c>Sync:MaxStreamsPerUser</c> open per user, each ended at its token's
/// expiry (plus the allowed clock skew), at shutdown, or when the client leaves.
/// </summary>
public sealed class LiveStreams(
    IOptions<SyncOptions> sync, IOptions<AuthOptions> auth, IHostApplicationLifetime lifetime, TimeProvider clock, ILogger<LiveStreams> logger)
{
    private readonly Dictionary<string, int> _open = new(StringComparer.Ordinal);

    /// <summary>Takes one of the caller's places for the life of the response.</summary>
    /// <exception cref="TooManyStreamsException">The caller has no place left.</exception>
    internal void Reserve(HttpContext context)
    {
        // The path's user, which the policy has already checked against the token.
        var userId = TokenSubject.Of(context) ?? throw new UnauthorizedAccessException("The caller is not authenticated.");
        lock (_open)
        {
            var open = _open.GetValueOrDefault(userId);
            if (open >= sync.Value.MaxStreamsPerUser)
            {
                throw new TooManyStreamsException();
            }

            _open[userId] = open + 1;
        }

        context.Response.RegisterForDispose(new Place(this, userId));
    }

    internal IAsyncEnumerable<SseItem<TaskChange>> Start(HttpContext context, LiveChanges changes)
    {
        context.Response.RegisterForDispose(changes);
        var expiry = new CancellationTokenSource(TimeUntilExpiry(context), clock);
        var stop = CancellationTokenSource.CreateLinkedTokenSource(expiry.Token, lifetime.ApplicationStopping, context.RequestAborted);
        context.Response.RegisterForDispose(stop);
        context.Response.RegisterForDispose(expiry);
        return LiveEventStream.Of(changes, context.Response, TimeSpan.FromSeconds(sync.Value.HeartbeatSeconds), logger, stop.Token);
    }

    private TimeSpan TimeUntilExpiry(HttpContext context)
    {
        // Authentication required exp: a token without one never gets here.
        var exp = long.Parse(context.User.FindFirst("exp")!.Value, CultureInfo.InvariantCulture);
        var left = DateTimeOffset.FromUnixTimeSeconds(exp).AddSeconds(auth.Value.ClockSkewSeconds) - clock.GetUtcNow();
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    private void Release(string userId)
    {
        lock (_open)
        {
            var open = _open[userId] - 1;
            if (open == 0)
            {
                _open.Remove(userId);
            }
            else
            {
                _open[userId] = open;
            }
        }
    }

    private sealed class Place(LiveStreams owner, string userId) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Release(userId);
            }
        }
    }
}
