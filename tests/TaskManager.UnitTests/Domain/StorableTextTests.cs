using TaskManager.Domain.Tasks;

namespace TaskManager.UnitTests.Domain;

public sealed class StorableTextTests
{
    [TestCase("")]
    [TestCase("Buy milk")]
    [TestCase("tab\tline\r\nbell\u0007 del\u007f c1\u0085\u009f")]
    [TestCase("\ud83c\udf89 pairs \U0001F600")]
    [TestCase("\uffff\ufffe\ufffd")]
    public void IsStorable_WithTextEveryDatabaseKeeps_ReturnsTrue(string text) =>
        Assert.That(StorableText.IsStorable(text), Is.True);

    // In code, not in attributes: attribute arguments are stored as UTF-8, where an unpaired surrogate becomes U+FFFD.
    public static IEnumerable<TestCaseData> Unstorable() =>
        new[] { "\0", "a\0b", "\ud800", "\udc00", "x\ud83c", "\udf89\ud83c", "\ud83c\ud83c\udf89", "\ud83c\udf89\0" }
            .Select(text => new TestCaseData(text).SetArgDisplayNames(string.Concat(text.Select(c => $"U+{(int)c:X4} ")).TrimEnd()));

    [TestCaseSource(nameof(Unstorable))]
    public void IsStorable_WithNulOrUnpairedSurrogate_ReturnsFalse(string text) =>
        Assert.That(StorableText.IsStorable(text), Is.False);
}
