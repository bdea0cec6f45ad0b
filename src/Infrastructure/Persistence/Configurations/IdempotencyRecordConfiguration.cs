using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TaskManager.Application.Common.Idempotency;
using TaskManager.Domain.Tasks;
using TaskManager.Infrastructure.Persistence.Idempotency;

namespace TaskManager.Infrastructure.Persistence.Configurations;

public sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("idempotency_keys");
        // The key is the user's: two users' equal keys are two records. The primary key decides a race for one key.
        builder.HasKey(r => new { r.UserId, r.Key });
        builder.Property(r => r.UserId).HasColumnName("user_id").HasMaxLength(TaskLimits.UserIdMaxLength);
        builder.Property(r => r.Key).HasColumnName("key").HasMaxLength(IdempotencyKeyRules.MaxLength).IsUnicode(false);
        builder.Property(r => r.Fingerprint).HasColumnName("fingerprint").HasMaxLength(64).IsUnicode(false).IsRequired();
        builder.Property(r => r.ClaimToken).HasColumnName("claim_token").IsConcurrencyToken();
        builder.Property(r => r.ClaimedAt).HasColumnName("claimed_at").HasConversion(UtcConverter.Instance);
        builder.Property(r => r.CompletedAt).HasColumnName("completed_at").HasConversion(UtcConverter.Instance);
        builder.Property(r => r.StatusCode).HasColumnName("status_code");
        builder.Property(r => r.Body).HasColumnName("body");
        builder.Property(r => r.ETag).HasColumnName("etag").HasMaxLength(64);
        builder.Property(r => r.Location).HasColumnName("location");
        builder.Ignore(r => r.Response);

        // The purge finds what has lapsed without reading every record.
        builder.HasIndex(r => r.ClaimedAt).HasDatabaseName("ix_idempotency_keys_claimed");
    }
}
