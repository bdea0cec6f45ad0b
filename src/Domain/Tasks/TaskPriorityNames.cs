namespace TaskManager.Domain.Tasks;

/// <summary>A priority's name on the wire: lower case, exactly; the one reading of it for bodies and list filters.</summary>
public static class TaskPriorityNames
{
    public const string None = "none";
    public const string Low = "low";
    public const string Medium = "medium";
    public const string High = "high";

    public static bool TryParse(string? name, out TaskPriority priority)
    {
        priority = name switch
        {
            None => TaskPriority.None,
            Low => TaskPriority.Low,
            Medium => TaskPriority.Medium,
            High => TaskPriority.High,
            _ => (TaskPriority)(-1),
        };
        return IsRank((int)priority);
    }

    public static bool IsRank(int rank) => rank is >= (int)TaskPriority.None and <= (int)TaskPriority.High;
}
