namespace TaskManager.WebApi.Mcp;

/// <summary>What delete_task answers: <c>{"deleted": "&lt;id&gt;"}</c>.</summary>
internal sealed record DeletedTask(string Deleted);
