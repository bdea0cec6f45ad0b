namespace TaskManager.Application.Common.Exceptions;

public sealed class NotFoundException(string message) : Exception(message)
{
    public static NotFoundException Task(string taskId) => new($"No task '{taskId}' exists.");
}
