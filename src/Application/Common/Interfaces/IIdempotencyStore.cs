using TaskManager.Application.Common.Idempotency;
using TaskManager.Application.Tasks;

namespace TaskManager.Application.Common.Interfaces;

/// <summary>
/// Idempotency keys, per user, in the database. A request claims its key before it runs; the task write it then saves
/// stores its response under the key in the same transaction, so the write and the key commit together or not at all.
/// </summary>
public interface IIdempotencyStore
{
    /// <param name="fingerprint">What the request is (method, route, body): a key reused for another request is refused.</param>
    /// <param name="respond">The response a task write makes, for the record to keep.</param>
    Task<IdempotencyClaim> ClaimAsync(
        string ownerId, string key, string fingerprint, Func<TaskDto, IdempotentResponse> respond, CancellationToken cancellationToken);

    /// <summary>Gives back the key claimed in this scope, after its request failed: a retry then runs afresh.</summary>
    Task ReleaseAsync(CancellationToken cancellationToken);
}
