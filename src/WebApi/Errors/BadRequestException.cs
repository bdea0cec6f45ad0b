namespace TaskManager.WebApi.Errors;

/// <summary>A request the API cannot read at all (400), as opposed to one whose fields break the rules (422).</summary>
internal sealed class BadRequestException(string message) : Exception(message);
