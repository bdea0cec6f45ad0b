using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TaskManager.Domain.Tasks;
using TaskManager.Infrastructure.Persistence.Changes;

namespace TaskManager.Infrastructure.Persistence.Configurations;

internal sealed class ChangeCounterConfiguration : IEntityTypeConfiguration<ChangeCounter>
{
    public void Configure(EntityTypeBuilder<ChangeCounter> builder)
    {
        builder.ToTable("change_counters");
        builder.HasKey(c => c.UserId);
        builder.Property(c => c.UserId).HasColumnName("user_id").HasMaxLength(TaskLimits.UserIdMaxLength).ValueGeneratedNever();
        builder.Property(c => c.LastSequence).HasColumnName("last_sequence");
        builder.Property(c => c.ForgottenThrough).HasColumnName("forgotten_through");
    }
}
