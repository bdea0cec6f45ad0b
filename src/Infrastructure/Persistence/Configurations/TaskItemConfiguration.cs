using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TaskManager.Domain.Tasks;

namespace TaskManager.Infrastructure.Persistence.Configurations;

public sealed class TaskItemConfiguration : IEntityTypeConfiguration<TaskItem>
{
    public void Configure(EntityTypeBuilder<TaskItem> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("tasks");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(t => t.UserId).HasColumnName("user_id").HasMaxLength(TaskLimits.UserIdMaxLength).IsRequired();
        builder.Property(t => t.Title).HasColumnName("title").HasMaxLength(TaskLimits.TitleMaxLength).IsRequired();
        builder.Property(t => t.Description).HasColumnName("description").HasMaxLength(TaskLimits.DescriptionMaxLength);
        builder.Property(t => t.Completed).HasColumnName("completed");
        builder.Property(t => t.CreatedAt).HasColumnName("created_at").HasConversion(UtcConverter.Instance);
        builder.Property(t => t.UpdatedAt).HasColumnName("updated_at").HasConversion(UtcConverter.Instance);
        builder.Property(t => t.Version).HasColumnName("version").IsConcurrencyToken();
        builder.Property(t => t.CompletedAt).HasColumnName("completed_at").HasConversion(UtcConverter.Instance);
        builder.Property(t => t.DueAt).HasColumnName("due_at").HasConversion(UtcConverter.Instance);
        // The rank as a number (TaskPriority's values): the column sorts as the priorities do.
        builder.Property(t => t.Priority).HasColumnName("priority").HasConversion<int>();
        // What reads show, in the task's own row (an array on PostgreSQL, JSON text elsewhere): a list or a get reads
        // no other table. The task_tags rows below hold the same tags for filtering and counting.
        builder.PrimitiveCollection(t => t.Tags).HasColumnName("tags").IsRequired()
            .ElementType(element => element.HasMaxLength(TaskLimits.TagMaxLength));
        builder.OwnsMany(t => t.TagRows, tags =>
        {
            tags.ToTable("task_tags");
            tags.WithOwner().HasForeignKey("TaskId");
            tags.Property<Guid>("TaskId").HasColumnName("task_id");
            tags.Property(tag => tag.Key).HasColumnName("key").HasMaxLength(TaskLimits.TagMaxLength);
            tags.Property(tag => tag.Name).HasColumnName("name").HasMaxLength(TaskLimits.TagMaxLength).IsRequired();
            // One row per task and tag key: two spellings of one tag cannot both be stored, and a tag filter is a seek.
            tags.HasKey("TaskId", nameof(TaskTag.Key)).HasName("pk_task_tags");
        });
        builder.Navigation(t => t.TagRows).HasField("_tagRows").UsePropertyAccessMode(PropertyAccessMode.Field);

        // One index per list order, each led by the owner: a list reads only its owner's rows, already sorted.
        builder.HasIndex(t => new { t.UserId, t.CreatedAt, t.Id }).HasDatabaseName("ix_tasks_user_created");
        builder.HasIndex(t => new { t.UserId, t.UpdatedAt, t.Id }).HasDatabaseName("ix_tasks_user_updated");
        builder.HasIndex(t => new { t.UserId, t.Completed, t.CreatedAt }).HasDatabaseName("ix_tasks_user_completed");
        // "My pending tasks due before X": the owner and the status are equalities, the due time a range.
        builder.HasIndex(t => new { t.UserId, t.Completed, t.DueAt, t.Id }).HasDatabaseName("ix_tasks_user_completed_due");
        builder.HasIndex(t => new { t.UserId, t.Priority, t.Id }).HasDatabaseName("ix_tasks_user_priority");
    }
}
