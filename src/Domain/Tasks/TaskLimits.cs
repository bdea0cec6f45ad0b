namespace TaskManager.Domain.Tasks;

/// <summary>Every limit a task and a list of tasks have, in UTF-16 code units (what <c>nvarchar</c> counts) or rows.</summary>
public static class TaskLimits
{
    public const int TitleMaxLength = 255;
    public const int DescriptionMaxLength = 1000;
    public const int UserIdMaxLength = 128;
    public const int SearchMaxLength = 1000;
    public const int TagMaxLength = 40;
    public const int TagsMaxCount = 20;
    public const int PageSizeDefault = 100;
    public const int PageSizeMax = 500;
}
