using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Infrastructure.Sync;
using TaskManager.IntegrationTests.Infrastructure;

namespace TaskManager.IntegrationTests.Sync;

/// <summary>
/// SQL Server's way of hearing other instances' changes (no SQL Server runs here): the poller itself, run on the
/// databases that do, between two APIs that share one database and nothing else.
/// </summary>
[TestFixtureSource(typeof(TestDatabases), nameof(TestDatabases.All))]
public sealed class SequencePollerTests(TestDatabase database)
{
    [Test]
    public async Task Poll_WakesTheStreamsOfAUserWhoseSequenceAnotherInstanceMoved_AndOnlyThen()
    {
        using var here = new TaskManagerApiFactory(database: database);
        using var there = new TaskManagerApiFactory(database: database, databaseName: here.DatabaseName);
        var user = Api.NewUserId();
        using var writer = there.ClientFor(user);
        await writer.CreateTaskAsync(user);
        // Signals of the poller's own: on PostgreSQL, here's NOTIFY listener also hears there's writes, and a late
        // notification would wake the subscription between polls.
        var signals = new ChangeSignals();
        var poller = new SequencePoller(
            here.Services.GetRequiredService<IServiceScopeFactory>(), signals, Options.Create(new SyncOptions()), NullLogger<SequencePoller>.Instance);
        using var subscription = signals.Subscribe(user);
        await poller.PollAsync(CancellationToken.None);
        var first = await Woken(subscription);

        await poller.PollAsync(CancellationToken.None);
        var quiet = await Woken(subscription);
        await writer.CreateTaskAsync(user);
        await poller.PollAsync(CancellationToken.None);
        var moved = await Woken(subscription);

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.True, "the first round wakes every stream it finds a sequence for");
            Assert.That(quiet, Is.False, "no change, no wake-up");
            Assert.That(moved, Is.True, "the other instance's change wakes the stream here");
        });
    }

    private static async Task<bool> Woken(IChangeSubscription subscription)
    {
        // Cancelled, not abandoned: an abandoned wait would swallow the next signal.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        try
        {
            await subscription.WaitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
