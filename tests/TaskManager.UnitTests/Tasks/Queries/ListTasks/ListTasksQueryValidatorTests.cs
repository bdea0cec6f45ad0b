using FluentValidation.TestHelper;
using TaskManager.Application.Tasks;
using TaskManager.Application.Tasks.Queries.ListTasks;

namespace TaskManager.UnitTests.Tasks.Queries.ListTasks;

public sealed class ListTasksQueryValidatorTests
{
    private readonly ListTasksQueryValidator _validator = new();

    [Test]
    public void Validate_WithDefaults_IsValid()
    {
        _validator.TestValidate(new ListTasksQuery("user-1")).ShouldNotHaveAnyValidationErrors();
    }

    [Test]
    public void Validate_WithEveryParameterSet_IsValid()
    {
        var query = new ListTasksQuery("user-1", TaskStatusFilter.Completed, TaskSortField.Title, SortOrder.Desc, "milk", 10, 20);

        _validator.TestValidate(query).ShouldNotHaveAnyValidationErrors();
    }

    [TestCase(1)]
    [TestCase(500)]
    public void Validate_WithLimitInRange_IsValid(int limit)
    {
        _validator.TestValidate(new ListTasksQuery("user-1", Limit: limit)).ShouldNotHaveAnyValidationErrors();
    }

    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(501)]
    public void Validate_WithLimitOutOfRange_FailsForLimit(int limit)
    {
        _validator.TestValidate(new ListTasksQuery("user-1", Limit: limit))
            .ShouldHaveValidationErrorFor(q => q.Limit)
            .WithErrorMessage("limit must be a whole number from 1 to 500.")
            .Only();
    }

    [Test]
    public void Validate_WithOffsetZero_IsValid()
    {
        _validator.TestValidate(new ListTasksQuery("user-1", Offset: 0)).ShouldNotHaveAnyValidationErrors();
    }

    [Test]
    public void Validate_WithNegativeOffset_FailsForOffset()
    {
        _validator.TestValidate(new ListTasksQuery("user-1", Offset: -1))
            .ShouldHaveValidationErrorFor(q => q.Offset)
            .WithErrorMessage("offset must be a whole number, 0 or more.")
            .Only();
    }

    [Test]
    public void Validate_WithSearchOf1000Characters_IsValid()
    {
        _validator.TestValidate(new ListTasksQuery("user-1", Search: new string('q', 1000))).ShouldNotHaveAnyValidationErrors();
    }

    [Test]
    public void Validate_WithSearchOf1001Characters_FailsForQ()
    {
        var result = _validator.TestValidate(new ListTasksQuery("user-1", Search: new string('q', 1001)));

        result.ShouldHaveValidationErrorFor("q").WithErrorMessage("q has at most 1000 characters.").Only();
        Assert.That(result.Errors.Select(e => e.PropertyName), Is.EqualTo(new[] { "q" }));
    }

    [Test]
    public void Validate_WithUndefinedStatus_FailsForStatus()
    {
        _validator.TestValidate(new ListTasksQuery("user-1", Status: (TaskStatusFilter)42))
            .ShouldHaveValidationErrorFor(q => q.Status)
            .WithErrorMessage("status must be all, pending or completed.");
    }

    [Test]
    public void Validate_WithUndefinedSort_FailsForSort()
    {
        _validator.TestValidate(new ListTasksQuery("user-1", Sort: (TaskSortField)42))
            .ShouldHaveValidationErrorFor(q => q.Sort)
            .WithErrorMessage("sort must be created, updated or title.");
    }

    [Test]
    public void Validate_WithUndefinedOrder_FailsForOrder()
    {
        _validator.TestValidate(new ListTasksQuery("user-1", Order: (SortOrder)42))
            .ShouldHaveValidationErrorFor(q => q.Order)
            .WithErrorMessage("order must be asc or desc.");
    }

    [Test]
    public void Validate_WithCursorAndOffset_Fails()
    {
        var query = new ListTasksQuery("user-1", Offset: 5, After: new TaskCursor("638000000000000000", Guid.NewGuid()));

        Assert.That(_validator.TestValidate(query).IsValid, Is.False);
    }

    [TestCase(TaskSortField.Created, "not-ticks", false)]
    [TestCase(TaskSortField.Updated, "-5", false)]
    [TestCase(TaskSortField.Created, "99999999999999999999", false)]
    [TestCase(TaskSortField.Created, "638000000000000000", true)]
    [TestCase(TaskSortField.Title, "any title", true)]
    public void Validate_WithCursor_AcceptsOnlyAKeyOfTheSort(TaskSortField sort, string key, bool valid)
    {
        var query = new ListTasksQuery("user-1", Sort: sort, After: new TaskCursor(key, Guid.NewGuid()));

        Assert.That(_validator.TestValidate(query).IsValid, Is.EqualTo(valid));
    }
}
