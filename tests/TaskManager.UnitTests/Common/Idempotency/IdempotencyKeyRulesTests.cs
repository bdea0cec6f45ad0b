using TaskManager.Application.Common.Idempotency;

namespace TaskManager.UnitTests.Common.Idempotency;

public sealed class IdempotencyKeyRulesTests
{
    [TestCase("a")]
    [TestCase("6f1c2a9e-8f53-4f0c-9e1d-2b7c1a5d4e3f")]
    [TestCase("!~\"quoted\",{}")]
    public void IsValid_ForVisibleAscii_IsTrue(string key) => Assert.That(IdempotencyKeyRules.IsValid(key), Is.True);

    [Test]
    public void IsValid_AtTheLongestLength_IsTrue_AndOneMoreIsFalse()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(IdempotencyKeyRules.IsValid(new string('k', IdempotencyKeyRules.MaxLength)), Is.True);
            Assert.That(IdempotencyKeyRules.IsValid(new string('k', IdempotencyKeyRules.MaxLength + 1)), Is.False);
        }
    }

    [TestCase("")]
    [TestCase("a b")]
    [TestCase(" ")]
    [TestCase("tab\t")]
    [TestCase("\u007f")]
    [TestCase("\u0000")]
    [TestCase("clé")]
    [TestCase("🎉")]
    public void IsValid_ForEmptySpacesControlsOrNonAscii_IsFalse(string key) => Assert.That(IdempotencyKeyRules.IsValid(key), Is.False);
}
