using Microsoft.EntityFrameworkCore;

namespace TaskManager.Infrastructure.Persistence;

/// <summary>What a context is about to save, compared with what the database holds.</summary>
internal static class PendingChanges
{
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
