using FluentValidation;
using FluentValidation.TestHelper;
using TaskManager.Application.Common;
using TaskManager.Application.Tasks.Commands.CreateTask;
using TaskManager.Application.Tasks.Commands.UpdateTask;

namespace TaskManager.UnitTests.Tasks;

/// <summary>due_at, priority and tags: the rules create and update share, each at its limits and one past them.</summary>
[TestFixture(true)]
[TestFixture(false)]
public sealed class OrganizingFieldRulesTests(bool create)
{
    private static Optional<T> Present<T>(T value) => new(true, value);

    private Dictionary<string, string[]> Errors(
        Optional<string?> dueAt = default, Optional<string> priority = default, Optional<IReadOnlyList<string>> tags = default)
    {
        var result = create
            ? new CreateTaskCommandValidator().Validate(new CreateTaskCommand("Title", null, false, dueAt, priority, tags))
            : new UpdateTaskCommandValidator().Validate(new UpdateTaskCommand("0f8fad5b-d9cb-469f-a165-70867728950e", default, default, default, null, dueAt, priority, tags));
        return result.Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray());
    }

    [TestCase("2026-12-24T10:00:00Z")]
    [TestCase("2026-12-24t10:00:00.123z")]
    [TestCase("2026-12-24T10:00:00.123456789+02:00")]
    [TestCase("2026-12-24T10:00:00-00:00")]
    [TestCase("0001-01-01T00:00:00Z")]
    [TestCase("9999-12-31T23:59:59.999Z")]
    [TestCase(null)]
    public void Validate_WithAnRfc3339TimeWithOffsetOrNull_AcceptsDueAt(string? dueAt)
    {
        Assert.That(Errors(dueAt: Present(dueAt)), Is.Empty);
    }

    [TestCase("2026-12-24")]
    [TestCase("2026-12-24T10:00:00")]
    [TestCase("2026-12-24T10:00Z")]
    [TestCase("2026-12-24 10:00:00Z")]
    [TestCase("2026-13-01T00:00:00Z")]
    [TestCase("0001-01-01T00:00:00+01:00")]
    [TestCase("9999-12-31T23:59:59-01:00")]
    [TestCase("2026-12-24T10:00:00.1234567890Z")]
    [TestCase("tomorrow")]
    [TestCase("")]
    public void Validate_WithADueAtThatIsNoInstant_FailsForDueAt(string dueAt)
    {
        Assert.That(Errors(dueAt: Present<string?>(dueAt)), Is.EqualTo(new Dictionary<string, string[]>
        {
            ["DueAt"] = ["due_at must be an RFC 3339 date-time with an offset (Z or ±hh:mm), or null."],
        }));
    }

    [TestCase("none")]
    [TestCase("low")]
    [TestCase("medium")]
    [TestCase("high")]
    public void Validate_WithAPriorityName_AcceptsIt(string priority)
    {
        Assert.That(Errors(priority: Present(priority)), Is.Empty);
    }

    [TestCase("High")]
    [TestCase("HIGH")]
    [TestCase(" high")]
    [TestCase("urgent")]
    [TestCase("3")]
    [TestCase("")]
    [TestCase(null)]
    public void Validate_WithAnyOtherPriority_FailsForPriority(string? priority)
    {
        Assert.That(Errors(priority: Present(priority!)), Is.EqualTo(new Dictionary<string, string[]>
        {
            ["Priority"] = ["priority must be none, low, medium or high."],
        }));
    }

    [Test]
    public void Validate_WithTwentyTagsOfFortyCharactersAfterTrimming_IsValid()
    {
        var tags = Enumerable.Range(0, 20).Select(i => $" {i:D2}{new string('x', 38)}\t").ToArray();

        Assert.That(Errors(tags: Present<IReadOnlyList<string>>(tags)), Is.Empty);
    }

    [Test]
    public void Validate_WithTwentyOneTagsOfWhichTwoDifferOnlyByCase_IsValid()
    {
        var tags = Enumerable.Range(0, 20).Select(i => $"tag{i}").Append("TAG7").ToArray();

        Assert.That(Errors(tags: Present<IReadOnlyList<string>>(tags)), Is.Empty);
    }

    [Test]
    public void Validate_WithTwentyOneDistinctTags_FailsForTags()
    {
        var tags = Enumerable.Range(0, 21).Select(i => $"tag{i}").ToArray();

        Assert.That(Errors(tags: Present<IReadOnlyList<string>>(tags)), Is.EqualTo(new Dictionary<string, string[]>
        {
            ["Tags"] = ["tags holds at most 20 tags (spellings that differ only by case count once)."],
        }));
    }

    [Test]
    public void Validate_WithNullTags_FailsForTags()
    {
        Assert.That(Errors(tags: Present<IReadOnlyList<string>>(null!)), Is.EqualTo(new Dictionary<string, string[]>
        {
            ["Tags"] = ["tags cannot be null; [] removes every tag."],
        }));
    }

    [Test]
    public void Validate_WithEmptyTags_IsValid()
    {
        Assert.That(Errors(tags: Present<IReadOnlyList<string>>([])), Is.Empty);
    }

    [Test]
    public void Validate_WithBrokenTags_NamesEachByItsIndex()
    {
        string[] tags = ["ok", " ", new string('a', 41), "a\u0001b", "\ud800", " " + new string('b', 40) + " "];

        Assert.That(Errors(tags: Present<IReadOnlyList<string>>(tags)), Is.EqualTo(new Dictionary<string, string[]>
        {
            ["Tags[1]"] = ["tags[1] cannot be blank."],
            ["Tags[2]"] = ["tags[2] has at most 40 characters after trimming."],
            ["Tags[3]"] = ["tags[3] cannot contain control characters."],
            ["Tags[4]"] = ["tags[4] must be valid Unicode text."],
        }));
    }

    [Test]
    public void Validate_WithAbsentFields_IgnoresWhateverValueTheyCarry()
    {
        var errors = Errors(new Optional<string?>(false, "x"), new Optional<string>(false, "x"), new Optional<IReadOnlyList<string>>(false, null!));

        Assert.That(errors, Is.Empty);
    }
}
