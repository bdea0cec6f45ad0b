namespace TaskManager.Application.Tasks;

/// <summary>What a list is sorted by; ties are broken by id.</summary>
public enum TaskSortField
{
    Created,
    Updated,
    Title,
}
