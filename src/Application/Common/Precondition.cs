namespace TaskManager.Application.Common;

/// <summary>An If-Match condition over task versions: <see cref="Any"/> for <c>*</c>, else the versions that may be changed.</summary>
public sealed record Precondition(bool Any, IReadOnlySet<int> Versions)
{
    public static Precondition AnyVersion { get; } = new(true, new HashSet<int>());

    public bool IsSatisfiedBy(int version) => Any || Versions.Contains(version);
}
