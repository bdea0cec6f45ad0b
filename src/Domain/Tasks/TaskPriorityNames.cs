namespace TaskManager.Domain.Tasks;

/// <summary>A priority's name on the wire: lower case, exactly; the one reading of it for bodies and list filters.</summary>
public static class TaskPriorityNames
{
    public static bool TryParse(string? name, out TaskPriority priority)
    {
        priority = name switch
        {
            "none" => TaskPriority.None,
            "low" => TaskPriority.Low,
            "medium" => TaskPriority.Medium,
            "high" => TaskPriority.High,
            _ => (TaskPriority)(-1),
        };
        return IsRank((int)priority);
    }

    public static bool IsRank(int rank) => rank is >= (int)TaskPriority.None and <= (int)TaskPriority.High;
}
