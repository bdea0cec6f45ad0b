using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using TaskManager.Application.Tasks.Changes;
using TaskManager.Infrastructure;

namespace TaskManager.WebApi.Sync;

/// <summary>
/// A user's live changes as server-sent events: each change with its resume token as the id and its op as the event
/// type, a <c>: keep-alive</c> comment whenever the stream has been silent for the heartbeat interval, and a clean end
/// when <c>stop</c> fires (the token expires, the service stops, the client leaves) or the database cannot be read.
/// </summary>
internal static partial class LiveEventStream
{
    private static readonly byte[] KeepAlive = ": keep-alive\n\n"u8.ToArray();

    public static async IAsyncEnumerable<SseItem<TaskChange>> Of(
        LiveChanges changes, HttpResponse response, TimeSpan heartbeat, ILogger logger, [EnumeratorCancellation] CancellationToken stop)
    {
        // The headers go out at once: a client learns the stream is open before the first change.
        await response.Body.FlushAsync(stop);
        await using var events = changes.ReadAsync(stop).GetAsyncEnumerator(stop);
        while (await NextAsync(events, response, heartbeat, logger, stop))
        {
            // The event type is set on each item: the overload that takes one for the whole stream is another API.
            yield return new SseItem<TaskChange>(events.Current.Change, events.Current.Change.Op == ChangeOp.Upsert ? "upsert" : "delete")
            {
                EventId = events.Current.Token,
            };
        }
    }

    // Between two events nothing of the formatter's is pending, so a comment written here lands between whole events.
    private static async Task<bool> NextAsync(
        IAsyncEnumerator<ChangeEvent> events, HttpResponse response, TimeSpan heartbeat, ILogger logger, CancellationToken stop)
    {
        var next = events.MoveNextAsync().AsTask();
        try
        {
            while (true)
            {
                try
                {
                    return await next.WaitAsync(heartbeat, stop);
                }
                catch (TimeoutException) when (!next.IsCompleted)
                {
                    await response.Body.WriteAsync(KeepAlive, stop);
                    await response.Body.FlushAsync(stop);
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException || DatabaseFailure.IsOutage(exception))
        {
            if (exception is not (OperationCanceledException or IOException))
            {
                // The client reconnects with its last event id and misses nothing.
                LogEndedByDatabase(logger, exception);
            }

            // The enumerator is disposed only once its pending move has ended.
            await Task.WhenAny(next);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A live stream ended: the database could not be read")]
    private static partial void LogEndedByDatabase(ILogger logger, Exception exception);
}
