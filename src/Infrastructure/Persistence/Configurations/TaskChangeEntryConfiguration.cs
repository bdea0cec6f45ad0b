using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TaskManager.Domain.Tasks;
using TaskManager.Infrastructure.Persistence.Changes;

namespace TaskManager.Infrastructure.Persistence.Configurations;

internal sealed class TaskChangeEntryConfiguration : IEntityTypeConfiguration<TaskChangeEntry>
{
    public void Configure(EntityTypeBuilder<TaskChangeEntry> builder)
    {
        builder.ToTable("task_changes");
        builder.HasKey(c => c.TaskId);
        builder.Property(c => c.TaskId).HasColumnName("task_id").ValueGeneratedNever();
        builder.Property(c => c.UserId).HasColumnName("user_id").HasMaxLength(TaskLimits.UserIdMaxLength).IsRequired();
        builder.Property(c => c.Sequence).HasColumnName("sequence");
        builder.Property(c => c.DeletedAt).HasColumnName("deleted_at").HasConversion(UtcConverter.Nullable);

        // The feed reads a user's changes in sequence order; the purge finds old tombstones.
        builder.HasIndex(c => new { c.UserId, c.Sequence }).IsUnique().HasDatabaseName("ix_task_changes_user_sequence");
        builder.HasIndex(c => c.DeletedAt).HasDatabaseName("ix_task_changes_deleted_at");
    }
}
