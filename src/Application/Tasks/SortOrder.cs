namespace TaskManager.Application.Tasks;

public enum SortOrder
{
    Asc,
    Desc,
}
