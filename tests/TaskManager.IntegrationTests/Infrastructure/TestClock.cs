namespace TaskManager.IntegrationTests.Infrastructure;

/// <summary>The system clock, until a test moves it: timestamps become exact and checkable.</summary>
public sealed class TestClock : TimeProvider
{
    private DateTimeOffset? _now;

    public override DateTimeOffset GetUtcNow() => _now ?? System.GetUtcNow();

    public void Set(DateTimeOffset now) => _now = now;

    public void Advance(TimeSpan by) => _now = GetUtcNow() + by;

    /// <summary>Back to the system clock.</summary>
    public void Reset() => _now = null;
}
