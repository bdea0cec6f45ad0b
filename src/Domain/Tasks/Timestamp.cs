namespace TaskManager.Domain.Tasks;

/// <summary>Task times are UTC with millisecond precision: what every provider stores and the wire shows, exactly.</summary>
public static class Timestamp
{
    public static DateTime Normalize(DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        return new DateTime(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
    }
}
