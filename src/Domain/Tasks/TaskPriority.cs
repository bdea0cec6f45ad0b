namespace TaskManager.Domain.Tasks;

/// <summary>How much a task matters. The values are the ranks, and are what the database stores: ordering by the column is ordering by rank.</summary>
public enum TaskPriority
{
    None = 0,
    Low = 1,
    Medium = 2,
    High = 3,
}
