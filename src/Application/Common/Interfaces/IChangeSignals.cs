namespace TaskManager.Application.Common.Interfaces;

/// <summary>Wakes the readers of a user's feed when the user's changes may have grown, on this instance or another.</summary>
public interface IChangeSignals
{
    /// <summary>Signals that arrive from now on, until the subscription is disposed.</summary>
    IChangeSubscription Subscribe(string userId);
}
