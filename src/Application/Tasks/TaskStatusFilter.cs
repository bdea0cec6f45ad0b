namespace TaskManager.Application.Tasks;

/// <summary>Which tasks a list keeps.</summary>
public enum TaskStatusFilter
{
    All,
    Pending,
    Completed,
}
