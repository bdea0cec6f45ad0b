namespace TaskManager.Application.Common.Interfaces;

/// <summary>One reader's wake-ups. A signal carries no data: the reader reads the feed from where it stands.</summary>
public interface IChangeSubscription : IDisposable
{
    /// <summary>Completes at the first signal since the previous wait returned (at once if one came in between).</summary>
    Task WaitAsync(CancellationToken cancellationToken);
}
