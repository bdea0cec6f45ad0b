namespace TaskManager.Domain.Tasks;

/// <summary>
/// One of a task's tags, as its own row: <see cref="Key"/>, the name in lower case, is what filters, counts and keeps a
/// task from carrying two spellings of one tag.
/// </summary>
public sealed class TaskTag
{
    // For materialization by the persistence layer, which sets every property.
    private TaskTag()
    {
        Name = string.Empty;
        Key = string.Empty;
    }

    private TaskTag(string name)
    {
        Name = name;
        Key = KeyOf(name);
    }

    /// <summary>The spelling the task carries.</summary>
    public string Name { get; private set; }

    public string Key { get; private set; }

    /// <summary>What two spellings of one tag share; the same function for what is stored and what a filter asks for.</summary>
    public static string KeyOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToLowerInvariant();
    }

    /// <summary>The tags a task keeps from <paramref name="names"/>: each trimmed, one per key (the first spelling), in order.</summary>
    public static string[] Normalize(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        return names.Select(name => name.Trim()).Where(name => keys.Add(KeyOf(name))).ToArray();
    }

    /// <summary>
    /// Makes <paramref name="rows"/> the rows of <paramref name="names"/>, in order. A row whose tag stays is kept
    /// (respelled if need be), so that a save updates it instead of deleting and inserting the same key.
    /// </summary>
    internal static void Replace(List<TaskTag> rows, IEnumerable<string> names)
    {
        var kept = rows.ToDictionary(row => row.Key, StringComparer.Ordinal);
        rows.Clear();
        foreach (var name in names)
        {
            if (kept.TryGetValue(KeyOf(name), out var row))
            {
                row.Name = name;
            }
            else
            {
                row = new TaskTag(name);
            }

            rows.Add(row);
        }
    }
}
