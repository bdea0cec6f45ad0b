using FluentValidation.Results;
using ValidationException = TaskManager.Application.Common.Exceptions.ValidationException;

namespace TaskManager.UnitTests.Common.Exceptions;

public sealed class ValidationExceptionTests
{
    [Test]
    public void From_GroupsFailuresByPropertyName()
    {
        var exception = ValidationException.From(
        [
            new ValidationFailure("Title", "title cannot be blank."),
            new ValidationFailure("UserId", "user_id is wrong."),
            new ValidationFailure("Title", "title cannot contain control characters."),
            new ValidationFailure("q", "q has at most 1000 characters."),
        ]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exception.Errors.Keys, Is.EquivalentTo(new[] { "Title", "UserId", "q" }));
            Assert.That(exception.Errors["Title"], Is.EqualTo(
                new[] { "title cannot be blank.", "title cannot contain control characters." }));
            Assert.That(exception.Errors["UserId"], Is.EqualTo(new[] { "user_id is wrong." }));
            Assert.That(exception.Errors["q"], Is.EqualTo(new[] { "q has at most 1000 characters." }));
        }
    }


    [Test]
    public void From_ListsARepeatedMessageOnce()
    {
        var exception = ValidationException.From(
        [
            new ValidationFailure("Title", "title cannot be blank."),
            new ValidationFailure("Title", "title cannot be blank."),
        ]);

        Assert.That(exception.Errors["Title"], Is.EqualTo(new[] { "title cannot be blank." }));
    }

    [Test]
    public void From_WithNoFailures_HasNoErrors()
    {
        Assert.That(ValidationException.From([]).Errors, Is.Empty);
    }
}
