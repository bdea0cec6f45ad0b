namespace TaskManager.Application.Tasks;

/// <param name="Total">The matches before paging.</param>
/// <param name="HasMore">Whether another page follows this one.</param>
public sealed record TaskPage(IReadOnlyList<TaskDto> Items, int Total, bool HasMore);
