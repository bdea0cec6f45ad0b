namespace TaskManager.Application.Tasks;

/// <summary>One of the caller's tags and how many of their tasks carry it (in any spelling).</summary>
/// <param name="Name">A spelling in use: when tasks spell the tag differently, the least in the database's order.</param>
public sealed record TagCount(string Name, int Count);
