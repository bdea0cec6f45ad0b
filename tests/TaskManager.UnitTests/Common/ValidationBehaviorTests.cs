using FluentValidation;
using TaskManager.Application.Common.Behaviors;
using TaskManager.Application.Tasks;
using TaskManager.Application.Tasks.Commands.CreateTask;
using TaskManager.Domain.Tasks;
using ValidationException = TaskManager.Application.Common.Exceptions.ValidationException;

namespace TaskManager.UnitTests.Common;

public sealed class ValidationBehaviorTests
{
    private static readonly TaskDto Response = new(
        Guid.NewGuid(), "user-1", "Buy milk", null, false, DateTime.UnixEpoch, DateTime.UnixEpoch, null, TaskPriority.None, [], null, 1);

    private static ValidationBehavior<CreateTaskCommand, TaskDto> Behavior(params IValidator<CreateTaskCommand>[] validators) =>
        new(validators);

    [Test]
    public async Task Handle_WhenMessageIsValid_CallsNextWithTheMessageAndReturnsItsResponse()
    {
        var command = new CreateTaskCommand("Buy milk", null, false);
        using var cancellation = new CancellationTokenSource();
        CreateTaskCommand? passedMessage = null;
        CancellationToken passedToken = default;

        var response = await Behavior(new CreateTaskCommandValidator()).Handle(command, (message, token) =>
        {
            passedMessage = message;
            passedToken = token;
            return ValueTask.FromResult(Response);
        }, cancellation.Token);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response, Is.SameAs(Response));
            Assert.That(passedMessage, Is.SameAs(command));
            Assert.That(passedToken, Is.EqualTo(cancellation.Token));
        }
    }

    [Test]
    public async Task Handle_WithoutValidators_CallsNext()
    {
        var called = false;

        await Behavior().Handle(new CreateTaskCommand(null, null, false), (_, _) =>
        {
            called = true;
            return ValueTask.FromResult(Response);
        }, CancellationToken.None);

        Assert.That(called, Is.True);
    }

    [Test]
    public async Task Handle_WhenMessageIsInvalid_ThrowsValidationExceptionKeyedByPropertyAndSkipsNext()
    {
        var called = false;
        var command = new CreateTaskCommand("  ", new string('d', 1001), false);
        var behavior = Behavior(new CreateTaskCommandValidator());

        var exception = await Assert.ThrowsAsync<ValidationException>(async () => await behavior.Handle(
            command,
            (_, _) =>
            {
                called = true;
                return ValueTask.FromResult(Response);
            },
            CancellationToken.None));
        var errors = exception!.Errors;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(called, Is.False);
            Assert.That(errors.Keys, Is.EquivalentTo(new[] { "Title", "Description" }));
            Assert.That(errors["Title"], Is.EqualTo(new[] { "title cannot be blank." }));
            Assert.That(errors["Description"], Is.EqualTo(new[] { "description has at most 1000 characters." }));
        }
    }

    [Test]
    public async Task Handle_WithSeveralValidators_ReportsTheFailuresOfAll()
    {
        var completedValidator = new InlineValidator<CreateTaskCommand>();
        completedValidator.RuleFor(c => c.Completed).Equal(false).WithMessage("completed is not welcome.");
        var command = new CreateTaskCommand(null, null, true);
        var behavior = Behavior(new CreateTaskCommandValidator(), completedValidator);

        var exception = await Assert.ThrowsAsync<ValidationException>(async () =>
            await behavior.Handle(command, (_, _) => ValueTask.FromResult(Response), CancellationToken.None));
        var errors = exception!.Errors;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(errors.Keys, Is.EquivalentTo(new[] { "Title", "Completed" }));
            Assert.That(errors["Completed"], Is.EqualTo(new[] { "completed is not welcome." }));
        }
    }
}
