using System.ComponentModel;
using FluentValidation;
using Mediator;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using TaskManager.Application.Tasks;
using TaskManager.Application.Tasks.Commands.CompleteTask;
using TaskManager.Application.Tasks.Commands.CreateTask;
using TaskManager.Application.Tasks.Commands.DeleteTask;
using TaskManager.Application.Tasks.Commands.UpdateTask;
using TaskManager.Domain.Tasks;
using ValidationException = TaskManager.Application.Common.Exceptions.ValidationException;
using TaskManager.WebApi.Controllers;

namespace TaskManager.WebApi.Mcp;

/// <summary>
/// The tools of /mcp. Each body maps its arguments into the message the controller sends and sends it: the rules,
/// the queries and the owner (the token's subject, through ICurrentUser) are the handlers'. Failures become tool
/// results in <see cref="ToolFailureFilter"/>. Parameter names are the wire's snake_case names: the SDK takes each
/// argument's name from its parameter.
/// </summary>
[McpServerToolType]
internal sealed class TaskTools(IMediator mediator, IValidator<ListTasksRequest> listRules)
{
    private const string TaskIdDescription = "The task's id, as list_tasks or add_task returned it.";
    private const string DueAtDescription = "When it is due: RFC 3339 with an offset, e.g. 2030-01-31T17:00:00Z or 2030-01-31T18:00:00+01:00 (a date alone is refused); stored in UTC to the millisecond.";
    private const string PriorityDescription = "none, low, medium or high, in lower case.";
    private const string TagsDescription = "Up to 20 tags, each 1 to 40 characters once trimmed, no control characters; spellings that differ only by case are one tag (the first is kept); order kept.";

    [McpServerTool(Name = "list_tasks", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Lists your tasks, oldest first unless sort and order say otherwise. Returns a JSON array of task objects (id, user_id, title, description, completed, created_at, updated_at, due_at, priority, tags, completed_at; times in UTC, RFC 3339).")]
    public async Task<IReadOnlyList<TaskDto>> ListTasks(
        [Description("Which tasks: all (the default), pending (not completed) or completed.")] TaskStatusFilter? status = null,
        [Description("Keeps the tasks whose title or description contains this text, case-insensitive; at most 1000 characters.")] string? q = null,
        [Description("What to sort by: created (the default, creation time), updated (last change), title (case-insensitive), due (due time; tasks without one come last in both orders) or priority (none < low < medium < high). Ties are broken by id.")] TaskSortField? sort = null,
        [Description("asc (the default) or desc.")] SortOrder? order = null,
        [Description("How many tasks at most: 1 to 500; 100 when absent.")] int? limit = null,
        [Description("Keeps the tasks with one of these priorities: a comma-separated subset of none,low,medium,high, e.g. \"medium,high\".")] string? priority = null,
        [Description("Keeps the tasks that carry every one of these tags, compared case-insensitively.")] string[]? tag = null,
        [Description("Keeps the tasks due before this time: RFC 3339 with an offset, e.g. 2030-01-31T17:00:00Z. Tasks without a due time never match.")] string? due_before = null,
        [Description("Keeps the tasks due at or after this time: RFC 3339 with an offset. Tasks without a due time never match.")] string? due_after = null,
        CancellationToken cancellationToken = default)
    {
        var request = new ListTasksRequest
        {
            Status = status ?? default,
            Q = q,
            Sort = sort ?? default,
            Order = order ?? default,
            Limit = limit ?? TaskLimits.PageSizeDefault,
            Priority = priority,
            Tag = tag,
            DueBefore = due_before,
            DueAfter = due_after,
        };
        // The list's rules are the web boundary's (the query string's), so the same validator checks them here.
        var check = await listRules.ValidateAsync(request, cancellationToken);
        if (!check.IsValid)
        {
            throw ValidationException.From(check.Errors);
        }

        return (await mediator.Send(request.ToQuery(), cancellationToken)).Items;
    }

    [McpServerTool(Name = "add_task", Destructive = false, OpenWorld = false)]
    [Description("Adds a task for you and returns it as a JSON task object.")]
    public async Task<TaskDto> AddTask(
        RequestContext<CallToolRequestParams> call,
        [Description("What to do: 1 to 255 characters once surrounding white space is trimmed; no control characters.")] string title,
        [Description("Details, at most 1000 characters; absent or null for none.")] string? description = null,
        [Description(DueAtDescription + " Absent or null: none.")] string? due_at = null,
        [Description(PriorityDescription + " none when absent.")] string? priority = null,
        [Description(TagsDescription)] string[]? tags = null,
        CancellationToken cancellationToken = default)
    {
        var given = ToolArguments.Of(call);
        return await mediator.Send(
            new CreateTaskCommand(title, description, Completed: false, given.Field(nameof(due_at), due_at),
                given.Field(nameof(priority), priority!), given.Field(nameof(tags), (IReadOnlyList<string>)tags!)),
            cancellationToken);
    }

    [McpServerTool(Name = "update_task", Idempotent = true, OpenWorld = false)]
    [Description("Changes the given fields of one of your tasks and leaves the others as they are; returns the updated task.")]
    public async Task<TaskDto> UpdateTask(
        RequestContext<CallToolRequestParams> call,
        [Description(TaskIdDescription)] string task_id,
        [Description("The new title: 1 to 255 characters once trimmed; no control characters.")] string? title = null,
        [Description("The new description, at most 1000 characters; null clears it.")] string? description = null,
        [Description("true marks the task done, false marks it pending.")] bool? completed = null,
        [Description(DueAtDescription + " null clears it.")] string? due_at = null,
        [Description(PriorityDescription)] string? priority = null,
        [Description(TagsDescription + " Replaces the whole list; [] removes every tag.")] string[]? tags = null,
        CancellationToken cancellationToken = default)
    {
        var given = ToolArguments.Of(call);
        return await mediator.Send(
            new UpdateTaskCommand(task_id, given.Field(nameof(title), title!), given.Field(nameof(description), description),
                ToolArguments.Value(completed), IfMatch: null, given.Field(nameof(due_at), due_at),
                given.Field(nameof(priority), priority!), given.Field(nameof(tags), (IReadOnlyList<string>)tags!)),
            cancellationToken);
    }

    [McpServerTool(Name = "complete_task", OpenWorld = false)]
    [Description("Marks one of your tasks done or pending; without completed it toggles. Returns the updated task.")]
    public async Task<TaskDto> CompleteTask(
        [Description(TaskIdDescription)] string task_id,
        [Description("true: done, false: pending; absent: the opposite of what it is now.")] bool? completed = null,
        CancellationToken cancellationToken = default) =>
        await mediator.Send(new CompleteTaskCommand(task_id, completed, IfMatch: null), cancellationToken);

    [McpServerTool(Name = "delete_task", Destructive = true, Idempotent = false, OpenWorld = false)]
    [Description("Deletes one of your tasks for good. Returns {\"deleted\": \"<id>\"}.")]
    public async Task<DeletedTask> DeleteTask(
        [Description(TaskIdDescription)] string task_id,
        CancellationToken cancellationToken = default)
    {
        await mediator.Send(new DeleteTaskCommand(task_id, IfMatch: null), cancellationToken);
        return new DeletedTask(task_id);
    }
}
