using TaskManager.Application.Tasks.Changes;

namespace TaskManager.UnitTests.Tasks.Changes;

public sealed class ChangeTokenTests
{
    [Test]
    public void Decode_OfItsOwnersEncoding_GivesThePositionAndHorizonBack()
    {
        var token = new ChangeToken(42, 7);

        var decoded = ChangeToken.TryDecode(token.Encode("alice"), "alice", out var back);

        Assert.That(decoded, Is.True);
        Assert.That(back, Is.EqualTo(token));
    }

    [Test]
    public void Decode_OfAnotherUsersToken_Fails() =>
        Assert.That(ChangeToken.TryDecode(new ChangeToken(1, 0).Encode("alice"), "bob", out _), Is.False);

    [TestCase("")]
    [TestCase("not base64url!")]
    [TestCase("MS4x")]
    [TestCase("LTEuMC4xMjM0")]
    public void Decode_OfTextThisServiceDidNotMake_Fails(string text) =>
        Assert.That(ChangeToken.TryDecode(text, "alice", out _), Is.False);

    [Test]
    public void Decode_OfAnOverlongText_Fails() =>
        Assert.That(ChangeToken.TryDecode(new string('A', 500), "alice", out _), Is.False);

    [TestCase(10, 0, 10, false)]
    [TestCase(10, 0, 11, true)]
    [TestCase(3, 20, 20, false)]
    [TestCase(3, 20, 21, true)]
    public void IsForgotten_WhenAPurgedDeletionLiesAboveBothNumbers(long position, long horizon, long forgottenThrough, bool forgotten) =>
        Assert.That(new ChangeToken(position, horizon).IsForgotten(new FeedState(100, forgottenThrough)), Is.EqualTo(forgotten));
}
