using TaskManager.Application.Common.Idempotency;
using TaskManager.Infrastructure.Persistence.Idempotency;

namespace TaskManager.UnitTests.Infrastructure;

public sealed class IdempotencyRecordTests
{
    private static readonly DateTime Claimed = new(2026, 12, 2, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Retention = TimeSpan.FromHours(24);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);
    private static readonly IdempotentResponse Created = new(201, """{"id":"x"}""", "\"v1\"", "/api/u/tasks/x");

    [Test]
    public void IsLive_WhileInFlight_UntilTheLeaseEnds()
    {
        var record = IdempotencyRecord.Claim("u", "k", "f", Claimed);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(record.IsLive(Claimed.AddSeconds(59), Retention, Lease), Is.True);
            Assert.That(record.IsLive(Claimed.AddSeconds(60), Retention, Lease), Is.False);
            Assert.That(record.Response, Is.Null);
        }
    }

    [Test]
    public void IsLive_OnceCompleted_ForTheRetentionFromTheCompletion()
    {
        var record = IdempotencyRecord.Claim("u", "k", "f", Claimed);
        var completed = Claimed.AddSeconds(90);
        record.Complete(Created, completed);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(record.IsLive(completed + Retention - TimeSpan.FromMilliseconds(1), Retention, Lease), Is.True);
            Assert.That(record.IsLive(completed + Retention, Retention, Lease), Is.False);
            Assert.That(record.Response, Is.EqualTo(Created));
        }
    }

    [Test]
    public void Times_AreKeptToTheMillisecond_AsEveryDatabaseStoresThem()
    {
        var finer = Claimed.AddTicks(1234);
        var record = IdempotencyRecord.Claim("u", "k", "f", finer);
        record.Complete(Created, finer.AddSeconds(1));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(record.ClaimedAt, Is.EqualTo(Claimed));
            Assert.That(record.CompletedAt, Is.EqualTo(Claimed.AddSeconds(1)));
        }
    }

    [Test]
    public void ClaimAgain_TakesANewTokenAndForgetsTheResponse()
    {
        var record = IdempotencyRecord.Claim("u", "k", "f", Claimed);
        var firstToken = record.ClaimToken;
        record.Complete(Created, Claimed);

        record.ClaimAgain("g", Claimed.AddDays(2));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(record.ClaimToken, Is.Not.EqualTo(firstToken));
            Assert.That(record.Fingerprint, Is.EqualTo("g"));
            Assert.That(record.ClaimedAt, Is.EqualTo(Claimed.AddDays(2)));
            Assert.That(record.Response, Is.Null);
        }
    }

    [Test]
    public void AsClaimed_IsTheClaimWithoutItsCompletion()
    {
        var record = IdempotencyRecord.Claim("u", "k", "f", Claimed);
        record.Complete(Created, Claimed);

        var claim = record.AsClaimed();

        using (Assert.EnterMultipleScope())
        {
            Assert.That((claim.UserId, claim.Key, claim.Fingerprint, claim.ClaimToken, claim.ClaimedAt),
                Is.EqualTo((record.UserId, record.Key, record.Fingerprint, record.ClaimToken, record.ClaimedAt)));
            Assert.That(claim.CompletedAt, Is.Null);
            Assert.That(claim.Response, Is.Null);
        }
    }
}
