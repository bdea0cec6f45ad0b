using TaskManager.Domain.Tasks;

namespace TaskManager.UnitTests.Domain;

/// <summary>Due time, priority, tags and the completion time: each change moves updated_at and the version; no change moves nothing.</summary>
public sealed class TaskItemOrganizingTests
{
    private const string UserId = "1z5i25bKt00xDTDrPxaUiqeOdFfIjc3V";

    private static readonly DateTime Created = new(2026, 11, 24, 3, 4, 48, 771, DateTimeKind.Utc);

    private static readonly DateTime Later = Created.AddMinutes(5);

    private static TaskItem NewTask() => TaskItem.Create(UserId, "Buy milk", null, false, Created);

    [Test]
    public void Create_WithoutOrganizingFields_HasNoDueTimePriorityNoneAndNoTags()
    {
        var task = NewTask();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(task.DueAt, Is.Null);
            Assert.That(task.Priority, Is.EqualTo(TaskPriority.None));
            Assert.That(task.Tags, Is.Empty);
            Assert.That(task.TagRows, Is.Empty);
            Assert.That(task.CompletedAt, Is.Null);
            Assert.That(task.Version, Is.EqualTo(1));
        }
    }

    [Test]
    public void Create_WithTags_TrimsThemAndKeepsTheFirstSpellingOfEachInOrder()
    {
        var task = TaskItem.Create(UserId, "t", null, false, Created, tags: [" Work ", "home", "WORK", "Home\t", "ß"]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(task.Tags, Is.EqualTo(new[] { "Work", "home", "ß" }));
            Assert.That(task.TagRows.Select(row => (row.Name, row.Key)), Is.EqualTo(new[] { ("Work", "work"), ("home", "home"), ("ß", "ß") }));
        }
    }

    [Test]
    public void Create_Completed_SetsCompletedAtToTheCreationTime()
    {
        var task = TaskItem.Create(UserId, "t", null, true, Created.AddTicks(5));

        Assert.That(task.CompletedAt, Is.EqualTo(Created));
    }

    [Test]
    public void SetCompleted_SetsThenClearsCompletedAt()
    {
        var task = NewTask();

        task.SetCompleted(true, Later);
        var whenCompleted = task.CompletedAt;
        task.SetCompleted(false, Later.AddMinutes(1));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(whenCompleted, Is.EqualTo(Later));
            Assert.That(task.CompletedAt, Is.Null);
        }
    }

    [Test]
    public void Schedule_WithANewTime_StoresItToTheMillisecondAndTouches()
    {
        var task = NewTask();

        var changed = task.Schedule(Later.AddTicks(9_999), Later);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(changed, Is.True);
            Assert.That(task.DueAt, Is.EqualTo(Later));
            Assert.That(task.UpdatedAt, Is.EqualTo(Later));
            Assert.That(task.Version, Is.EqualTo(2));
        }
    }

    [Test]
    public void Schedule_WithTheSameTimeToTheMillisecond_ChangesNothing()
    {
        var task = TaskItem.Create(UserId, "t", null, false, Created, dueAt: Later);

        Assert.That(task.Schedule(Later.AddTicks(1), Later.AddHours(1)), Is.False);
        Assert.That(task.Version, Is.EqualTo(1));
    }

    [Test]
    public void Schedule_WithNull_ClearsTheDueTime()
    {
        var task = TaskItem.Create(UserId, "t", null, false, Created, dueAt: Later);

        Assert.That(task.Schedule(null, Later), Is.True);
        Assert.That(task.DueAt, Is.Null);
    }

    [Test]
    public void Prioritize_ChangesOnlyOnANewPriority()
    {
        var task = NewTask();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(task.Prioritize(TaskPriority.None, Later), Is.False);
            Assert.That(task.Prioritize(TaskPriority.High, Later), Is.True);
            Assert.That(task.Priority, Is.EqualTo(TaskPriority.High));
            Assert.That(task.Version, Is.EqualTo(2));
        }
    }

    [Test]
    public void Prioritize_WithAnUndefinedValue_Throws()
    {
        Assert.That(() => NewTask().Prioritize((TaskPriority)4, Later), Throws.ArgumentException);
    }

    [Test]
    public void Retag_WithTheSameTagsAfterNormalizing_ChangesNothing()
    {
        var task = TaskItem.Create(UserId, "t", null, false, Created, tags: ["a", "b"]);

        Assert.That(task.Retag([" a", "b", "A"], Later), Is.False);
        Assert.That(task.Version, Is.EqualTo(1));
    }

    [Test]
    public void Retag_WithANewSpellingOrOrder_IsAChange()
    {
        var task = TaskItem.Create(UserId, "t", null, false, Created, tags: ["a", "b"]);
        var rowOfA = task.TagRows.First();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(task.Retag(["b", "a"], Later), Is.True);
            Assert.That(task.Retag(["B", "a"], Later), Is.True);
            Assert.That(task.Tags, Is.EqualTo(new[] { "B", "a" }));
            Assert.That(task.TagRows.Select(row => row.Name), Is.EqualTo(new[] { "B", "a" }));
            Assert.That(task.TagRows, Does.Contain(rowOfA), "a kept tag keeps its row");
            Assert.That(task.Version, Is.EqualTo(3));
        }
    }

    [Test]
    public void Retag_WithEmpty_RemovesEveryTag()
    {
        var task = TaskItem.Create(UserId, "t", null, false, Created, tags: ["a"]);

        Assert.That(task.Retag([], Later), Is.True);
        Assert.That(task.Tags, Is.Empty);
        Assert.That(task.TagRows, Is.Empty);
    }

    [Test]
    public void Create_WithMoreThanTheMostTags_Throws()
    {
        var tags = Enumerable.Range(0, TaskLimits.TagsMaxCount + 1).Select(i => $"t{i}").ToArray();

        Assert.That(() => TaskItem.Create(UserId, "t", null, false, Created, tags: tags), Throws.ArgumentException);
    }
}
