using TaskManager.Application.Common.Interfaces;

namespace TaskManager.Application.Tasks.Queries.ListTags;

/// <summary>The caller's tags with their counts, sorted by name ignoring case.</summary>
public sealed record ListTagsQuery : IQuery<IReadOnlyList<TagCount>>;

internal sealed class ListTagsQueryHandler(ICurrentUser currentUser, ITaskRepository repository)
    : IQueryHandler<ListTagsQuery, IReadOnlyList<TagCount>>
{
    public async ValueTask<IReadOnlyList<TagCount>> Handle(ListTagsQuery query, CancellationToken cancellationToken) =>
        await repository.ListTagsAsync(currentUser.UserId, cancellationToken);
}
