using Microsoft.EntityFrameworkCore;
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

        // One index per list order, each led by the owner: a list reads only its owner's rows, already sorted.
        builder.HasIndex(t => new { t.UserId, t.CreatedAt, t.Id }).HasDatabaseName("ix_tasks_user_created");
        builder.HasIndex(t => new { t.UserId, t.UpdatedAt, t.Id }).HasDatabaseName("ix_tasks_user_updated");
        builder.HasIndex(t => new { t.UserId, t.Completed, t.CreatedAt }).HasDatabaseName("ix_tasks_user_completed");
    }
}
