using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace TaskManager.Infrastructure.Persistence;

/// <summary>What a context is about to save, compared with what the database holds.</summary>
internal static class PendingChanges
{
    /// <summary>
    /// Saves under the execution strategy and accepts the changes once stored. A retrying strategy (PostgreSQL, SQL
    /// Server) saves again after a transient error; when the error hid a commit (the connection lost before its
    /// acknowledgement), saving again would apply the change twice or fail on the row it made: the database is asked
    /// first whether it already holds what this save wrote.
    /// </summary>
    public static async Task SaveVerifiedAsync(this DbContext context, CancellationToken cancellationToken)
    {
        await context.Database.CreateExecutionStrategy().ExecuteAsync(
            context,
            static (db, _, token) => db.SaveChangesAsync(acceptAllChangesOnSuccess: false, token),
            static async (db, _, token) => new ExecutionResult<int>(await AreStoredAsync(db, token), 0),
            cancellationToken);
        context.ChangeTracker.AcceptAllChanges();
    }

    /// <summary>
    /// Whether the database already holds every pending change: each added or modified row with exactly the values the
    /// context has for it (the version included, which every change raises; compared as the model compares them, so
    /// the tags array by its elements), each deleted row gone.
    /// </summary>
    public static async Task<bool> AreStoredAsync(DbContext context, CancellationToken cancellationToken)
    {
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }

            var stored = await entry.GetDatabaseValuesAsync(cancellationToken);
            var isStored = entry.State == EntityState.Deleted
                ? stored is null
                : stored is not null && entry.CurrentValues.Properties.All(property =>
                    property.GetValueComparer().Equals(stored[property], entry.CurrentValues[property]));
            if (!isStored)
            {
                return false;
            }
        }

        return true;
    }
}
