namespace TaskManager.Application.Tasks;

/// <summary>What a list is sorted by; ties are broken by id.</summary>
public enum TaskSortField
{
    Created,
    Updated,
    Title,

    /// <summary>By due_at; tasks without one come after all others, in either order.</summary>
    Due,

    /// <summary>By rank: none, low, medium, high.</summary>
    Priority,
}
