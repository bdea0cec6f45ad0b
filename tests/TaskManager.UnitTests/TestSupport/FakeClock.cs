namespace TaskManager.UnitTests.TestSupport;

/// <summary>A clock that shows whatever time a test sets.</summary>
public sealed class FakeClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
