namespace TaskManager.Application.Common.Idempotency;

/// <summary>What an Idempotency-Key may be: 1 to <see cref="MaxLength"/> visible ASCII characters.</summary>
public static class IdempotencyKeyRules
{
    public const int MaxLength = 255;

    public static bool IsValid(string key) =>
        key.Length is > 0 and <= MaxLength && key.All(c => c is >= '!' and <= '~');
}
