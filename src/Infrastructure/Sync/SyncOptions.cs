using System.ComponentModel.DataAnnotations;

namespace TaskManager.Infrastructure.Sync;

/// <summary>The changes feed and the live events (configuration section <c>Sync</c>).</summary>
public sealed class SyncOptions
{
    public const string Section = "Sync";

    /// <summary>How long a deletion is remembered; a token older than that is answered 410.</summary>
    [Range(1, 3650)]
    public int TombstoneDays { get; set; } = 30;

    /// <summary>The longest a live stream stays silent: a <c>: keep-alive</c> comment is sent at least this often.</summary>
    [Range(1, 3600)]
    public int HeartbeatSeconds { get; set; } = 15;

    /// <summary>Open live streams per user on one instance; one more is a 429.</summary>
    [Range(1, 1000)]
    public int MaxStreamsPerUser { get; set; } = 5;

    /// <summary>SQL Server only: how often each instance reads the sequences of the users it streams to (the delay of an event from another instance).</summary>
    [Range(0.05, 60)]
    public double PollSeconds { get; set; } = 1;

    /// <summary>How often old tombstones are purged.</summary>
    [Range(1, 1440)]
    public int PurgeIntervalMinutes { get; set; } = 60;
}
