using TaskManager.Application.Common;

namespace TaskManager.UnitTests.Common;

public sealed class PreconditionTests
{
    [TestCase(0)]
    [TestCase(1)]
    [TestCase(int.MaxValue)]
    public void AnyVersion_IsSatisfiedByEveryVersion(int version)
    {
        Assert.That(Precondition.AnyVersion.IsSatisfiedBy(version), Is.True);
    }

    [TestCase(2, true)]
    [TestCase(5, true)]
    [TestCase(1, false)]
    [TestCase(3, false)]
    public void IsSatisfiedBy_WithVersionList_AcceptsOnlyTheListedVersions(int version, bool expected)
    {
        var precondition = new Precondition(false, new HashSet<int> { 2, 5 });

        Assert.That(precondition.IsSatisfiedBy(version), Is.EqualTo(expected));
    }

    [Test]
    public void IsSatisfiedBy_WithNoVersions_AcceptsNone()
    {
        var precondition = new Precondition(false, new HashSet<int>());

        Assert.That(precondition.IsSatisfiedBy(1), Is.False);
    }
}
