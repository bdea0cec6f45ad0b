using TaskManager.Domain.Tasks;

namespace TaskManager.UnitTests.Domain;

public sealed class TaskItemTests
{
    private const string UserId = "1z5i25bKt00xDTDrPxaUiqeOdFfIjc3V";

    private static readonly DateTime Created = new(2026, 11, 24, 3, 4, 48, 771, DateTimeKind.Utc);

    private static readonly DateTime Later = Created.AddMinutes(5);

    private static TaskItem NewTask(string title = "Buy milk", string? description = null, bool completed = false) =>
        TaskItem.Create(UserId, title, description, completed, Created);

    [Test]
    public void Create_KeepsTheGivenFields()
    {
        var task = TaskItem.Create(UserId, "Read", "A book", completed: true, Created);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(task.Id, Is.Not.EqualTo(Guid.Empty));
            Assert.That(task.UserId, Is.EqualTo(UserId));
            Assert.That(task.Title, Is.EqualTo("Read"));
            Assert.That(task.Description, Is.EqualTo("A book"));
            Assert.That(task.Completed, Is.True);
        }
    }

    [Test]
    public void Create_GivesEveryTaskItsOwnId()
    {
        var first = NewTask();
        var second = NewTask();

        Assert.That(second.Id, Is.Not.EqualTo(first.Id));
    }

    [Test]
    public void Create_TrimsTheTitle()
    {
        Assert.That(NewTask("  Walk the dog \t\n").Title, Is.EqualTo("Walk the dog"));
    }

    [Test]
    public void Create_KeepsTheDescriptionUntrimmed()
    {
        Assert.That(NewTask(description: "  twice  ").Description, Is.EqualTo("  twice  "));
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("\t\r\n")]
    public void Create_WithBlankTitle_Throws(string title)
    {
        Assert.That(() => NewTask(title), Throws.ArgumentException.With.Property(nameof(ArgumentException.ParamName)).EqualTo("title"));
    }

    [Test]
    public void Create_WithNullTitle_Throws()
    {
        Assert.That(() => NewTask(null!), Throws.ArgumentNullException);
    }

    [Test]
    public void Create_WithTitleOfMaxLengthAfterTrimming_KeepsIt()
    {
        var title = new string('a', TaskLimits.TitleMaxLength);

        Assert.That(NewTask("  " + title + "  ").Title, Is.EqualTo(title));
    }

    [Test]
    public void Create_WithTitleLongerThanMaxLength_Throws()
    {
        Assert.That(() => NewTask(new string('a', TaskLimits.TitleMaxLength + 1)), Throws.ArgumentException);
    }

    [Test]
    public void Create_WithDescriptionOfMaxLength_KeepsIt()
    {
        var description = new string('d', TaskLimits.DescriptionMaxLength);

        Assert.That(NewTask(description: description).Description, Is.EqualTo(description));
    }

    [Test]
    public void Create_WithDescriptionLongerThanMaxLength_Throws()
    {
        Assert.That(
            () => NewTask(description: new string('d', TaskLimits.DescriptionMaxLength + 1)),
            Throws.ArgumentException.With.Property(nameof(ArgumentException.ParamName)).EqualTo("description"));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("  ")]
    public void Create_WithBlankUserId_Throws(string? userId)
    {
        Assert.That(() => TaskItem.Create(userId!, "Buy milk", null, false, Created), Throws.InstanceOf<ArgumentException>());
    }

    [Test]
    public void Create_WithUserIdOfMaxLength_KeepsIt()
    {
        var userId = new string('u', TaskLimits.UserIdMaxLength);

        Assert.That(TaskItem.Create(userId, "Buy milk", null, false, Created).UserId, Is.EqualTo(userId));
    }

    [Test]
    public void Create_WithUserIdLongerThanMaxLength_Throws()
    {
        var userId = new string('u', TaskLimits.UserIdMaxLength + 1);

        Assert.That(() => TaskItem.Create(userId, "Buy milk", null, false, Created), Throws.ArgumentException);
    }

    [Test]
    public void Create_SetsBothTimestampsToTheGivenTimeTruncatedToMilliseconds()
    {
        var task = TaskItem.Create(UserId, "Buy milk", null, false, Created.AddTicks(9_999));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(task.CreatedAt, Is.EqualTo(Created));
            Assert.That(task.CreatedAt.Ticks % TimeSpan.TicksPerMillisecond, Is.Zero);
            Assert.That(task.CreatedAt.Kind, Is.EqualTo(DateTimeKind.Utc));
            Assert.That(task.UpdatedAt, Is.EqualTo(task.CreatedAt));
            Assert.That(task.UpdatedAt.Kind, Is.EqualTo(DateTimeKind.Utc));
        }
    }

    [Test]
    public void Create_WithUnspecifiedKind_TakesTheTimeAsUtc()
    {
        var task = TaskItem.Create(UserId, "Buy milk", null, false, DateTime.SpecifyKind(Created, DateTimeKind.Unspecified));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(task.CreatedAt.Ticks, Is.EqualTo(Created.Ticks));
            Assert.That(task.CreatedAt.Kind, Is.EqualTo(DateTimeKind.Utc));
        }
    }

    [Test]
    public void Create_WithLocalTime_ConvertsItToUtc()
    {
        var task = TaskItem.Create(UserId, "Buy milk", null, false, Created.ToLocalTime());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(task.CreatedAt.Ticks, Is.EqualTo(Created.Ticks));
            Assert.That(task.CreatedAt.Kind, Is.EqualTo(DateTimeKind.Utc));
        }
    }

    [Test]
    public void Create_StartsAtVersionOne()
    {
        Assert.That(NewTask().Version, Is.EqualTo(1));
    }

    [TestCase("Buy milk")]
    [TestCase("  Buy milk\t")]
    public void Rename_WithTheSameTitle_ReturnsFalseAndChangesNothing(string title)
    {
        var task = NewTask("Buy milk");

        var changed = task.Rename(title, Later);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(changed, Is.False);
            Assert.That(task.Title, Is.EqualTo("Buy milk"));
            Assert.That(task.UpdatedAt, Is.EqualTo(Created));
            Assert.That(task.Version, Is.EqualTo(1));
        }
    }

    [Test]
    public void Rename_WithANewTitle_ReturnsTrueAndTouchesTheTask()
    {
        var task = NewTask("Buy milk");

        var changed = task.Rename("  Buy oat milk ", Later.AddTicks(1234));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(changed, Is.True);
            Assert.That(task.Title, Is.EqualTo("Buy oat milk"));
            Assert.That(task.UpdatedAt, Is.EqualTo(Later));
            Assert.That(task.UpdatedAt.Kind, Is.EqualTo(DateTimeKind.Utc));
            Assert.That(task.CreatedAt, Is.EqualTo(Created));
            Assert.That(task.Version, Is.EqualTo(2));
        }
    }

    [Test]
    public void Rename_IsCaseSensitive()
    {
        var task = NewTask("Buy milk");

        Assert.That(task.Rename("Buy Milk", Later), Is.True);
    }

    [TestCase("")]
    [TestCase("   ")]
    public void Rename_WithBlankTitle_ThrowsAndChangesNothing(string title)
    {
        var task = NewTask("Buy milk");

        Assert.That(() => task.Rename(title, Later), Throws.ArgumentException);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(task.Title, Is.EqualTo("Buy milk"));
            Assert.That(task.Version, Is.EqualTo(1));
        }
    }

    [Test]
    public void Rename_WithTitleLongerThanMaxLength_Throws()
    {
        var task = NewTask();

        Assert.That(() => task.Rename(new string('a', TaskLimits.TitleMaxLength + 1), Later), Throws.ArgumentException);
    }

    [TestCase(null)]
    [TestCase("A book")]
    public void Describe_WithTheSameDescription_ReturnsFalseAndChangesNothing(string? description)
    {
        var task = NewTask(description: description);

        var changed = task.Describe(description, Later);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(changed, Is.False);
            Assert.That(task.Description, Is.EqualTo(description));
            Assert.That(task.UpdatedAt, Is.EqualTo(Created));
            Assert.That(task.Version, Is.EqualTo(1));
        }
    }

    [TestCase(null, "A book")]
    [TestCase("A book", null)]
    [TestCase("A book", "A magazine")]
    [TestCase("A book", "")]
    public void Describe_WithADifferentDescription_ReturnsTrueAndTouchesTheTask(string? before, string? after)
    {
        var task = NewTask(description: before);

        var changed = task.Describe(after, Later);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(changed, Is.True);
            Assert.That(task.Description, Is.EqualTo(after));
            Assert.That(task.UpdatedAt, Is.EqualTo(Later));
            Assert.That(task.Version, Is.EqualTo(2));
        }
    }

    [Test]
    public void Describe_WithDescriptionLongerThanMaxLength_ThrowsAndChangesNothing()
    {
        var task = NewTask(description: "A book");

        Assert.That(() => task.Describe(new string('d', TaskLimits.DescriptionMaxLength + 1), Later), Throws.ArgumentException);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(task.Description, Is.EqualTo("A book"));
            Assert.That(task.Version, Is.EqualTo(1));
        }
    }

    [TestCase(false)]
    [TestCase(true)]
    public void SetCompleted_WithTheCurrentValue_ReturnsFalseAndChangesNothing(bool completed)
    {
        var task = NewTask(completed: completed);

        var changed = task.SetCompleted(completed, Later);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(changed, Is.False);
            Assert.That(task.Completed, Is.EqualTo(completed));
            Assert.That(task.UpdatedAt, Is.EqualTo(Created));
            Assert.That(task.Version, Is.EqualTo(1));
        }
    }

    [TestCase(false)]
    [TestCase(true)]
    public void SetCompleted_WithTheOtherValue_ReturnsTrueAndTouchesTheTask(bool completed)
    {
        var task = NewTask(completed: completed);

        var changed = task.SetCompleted(!completed, Later);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(changed, Is.True);
            Assert.That(task.Completed, Is.EqualTo(!completed));
            Assert.That(task.UpdatedAt, Is.EqualTo(Later));
            Assert.That(task.Version, Is.EqualTo(2));
        }
    }

    [TestCase(false)]
    [TestCase(true)]
    public void ToggleCompleted_FlipsTheStateAndTouchesTheTask(bool completed)
    {
        var task = NewTask(completed: completed);

        task.ToggleCompleted(Later);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(task.Completed, Is.EqualTo(!completed));
            Assert.That(task.UpdatedAt, Is.EqualTo(Later));
            Assert.That(task.Version, Is.EqualTo(2));
        }
    }

    [Test]
    public void ToggleCompleted_Twice_RestoresTheStateAndCountsBothChanges()
    {
        var task = NewTask();

        task.ToggleCompleted(Later);
        task.ToggleCompleted(Later.AddSeconds(1));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(task.Completed, Is.False);
            Assert.That(task.UpdatedAt, Is.EqualTo(Later.AddSeconds(1)));
            Assert.That(task.Version, Is.EqualTo(3));
        }
    }

    [Test]
    public void Changes_EachBumpTheVersionByOne()
    {
        var task = NewTask();

        task.Rename("Buy bread", Later);
        task.Describe("Wholemeal", Later);
        task.SetCompleted(true, Later);

        Assert.That(task.Version, Is.EqualTo(4));
    }

    [Test]
    public void Change_WithAClockThatStepsBack_KeepsUpdatedAtAtCreatedAt()
    {
        var task = NewTask();

        var changed = task.Rename("Buy bread", Created.AddHours(-1));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(changed, Is.True);
            Assert.That(task.UpdatedAt, Is.EqualTo(task.CreatedAt));
            Assert.That(task.CreatedAt, Is.EqualTo(Created));
            Assert.That(task.Version, Is.EqualTo(2));
        }
    }

    [Test]
    public void Change_WithAClockThatStandsStill_StillBumpsTheVersion()
    {
        var task = NewTask();

        task.SetCompleted(true, Created);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(task.UpdatedAt, Is.EqualTo(Created));
            Assert.That(task.Version, Is.EqualTo(2));
        }
    }
}
