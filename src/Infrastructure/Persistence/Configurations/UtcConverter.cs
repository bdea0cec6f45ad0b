using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace TaskManager.Infrastructure.Persistence.Configurations;

/// <summary>Providers that store no time zone hand back unspecified times; every task time is UTC.</summary>
internal sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
    value => value,
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc))
{
    public static UtcConverter Instance { get; } = new();

    /// <summary>The same for a time that may be absent.</summary>
    public static ValueConverter<DateTime?, DateTime?> Nullable { get; } = new(
        value => value,
        value => value.HasValue ? DateTime.SpecifyKind(value.Value, DateTimeKind.Utc) : null);
}
