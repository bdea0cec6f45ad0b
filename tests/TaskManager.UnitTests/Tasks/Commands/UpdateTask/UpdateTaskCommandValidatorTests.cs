using FluentValidation.TestHelper;
using TaskManager.Application.Common;
using TaskManager.Application.Tasks.Commands.UpdateTask;

namespace TaskManager.UnitTests.Tasks.Commands.UpdateTask;

public sealed class UpdateTaskCommandValidatorTests
{
    private readonly UpdateTaskCommandValidator _validator = new();

    private static Optional<T> Present<T>(T value) => new(true, value);

    private static UpdateTaskCommand Command(
        Optional<string> title = default, Optional<string?> description = default, Optional<bool> completed = default) =>
        new("0f8fad5b-d9cb-469f-a165-70867728950e", title, description, completed, IfMatch: null);

    [Test]
    public void Validate_WithEveryFieldAbsent_IsValid()
    {
        _validator.TestValidate(Command()).ShouldNotHaveAnyValidationErrors();
    }

    [Test]
    public void Validate_WithOnlyCompleted_IsValid()
    {
        _validator.TestValidate(Command(completed: Present(true))).ShouldNotHaveAnyValidationErrors();
    }

    [Test]
    public void Validate_WithAbsentFields_IgnoresWhateverValueTheyCarry()
    {
        var command = Command(title: new Optional<string>(false, "   "), description: new Optional<string?>(false, "\0"));

        _validator.TestValidate(command).ShouldNotHaveAnyValidationErrors();
    }

    [Test]
    public void Validate_WithPresentNullTitle_FailsForTitle()
    {
        var result = _validator.TestValidate(Command(title: Present<string>(null!)));

        result.ShouldHaveValidationErrorFor(nameof(UpdateTaskCommand.Title)).WithErrorMessage("title is required and cannot be null.").Only();
        Assert.That(result.Errors.Select(e => e.PropertyName), Is.EqualTo(new[] { nameof(UpdateTaskCommand.Title) }));
    }

    [TestCase("")]
    [TestCase("   ")]
    public void Validate_WithPresentBlankTitle_FailsForTitle(string title)
    {
        _validator.TestValidate(Command(title: Present<string>(title)))
            .ShouldHaveValidationErrorFor(nameof(UpdateTaskCommand.Title))
            .WithErrorMessage("title cannot be blank.");
    }

    [Test]
    public void Validate_WithTitleOf255CharactersAfterTrimming_IsValid()
    {
        _validator.TestValidate(Command(title: Present<string>(" " + new string('a', 255) + " "))).ShouldNotHaveAnyValidationErrors();
    }

    [Test]
    public void Validate_WithTitleOf256Characters_FailsForTitle()
    {
        _validator.TestValidate(Command(title: Present<string>(new string('a', 256)))).ShouldHaveValidationErrorFor(nameof(UpdateTaskCommand.Title));
    }

    [Test]
    public void Validate_WithControlCharacterInsideTitle_FailsForTitle()
    {
        _validator.TestValidate(Command(title: Present<string>("Buy\nmilk")))
            .ShouldHaveValidationErrorFor(nameof(UpdateTaskCommand.Title))
            .WithErrorMessage("title cannot contain control characters.");
    }

    [Test]
    public void Validate_WithPresentNullDescription_IsValid()
    {
        _validator.TestValidate(Command(description: Present<string?>(null))).ShouldNotHaveAnyValidationErrors();
    }

    [Test]
    public void Validate_WithDescriptionOf1000Characters_IsValid()
    {
        _validator.TestValidate(Command(description: Present<string?>(new string('d', 1000)))).ShouldNotHaveAnyValidationErrors();
    }

    [Test]
    public void Validate_WithDescriptionOf1001Characters_FailsForDescription()
    {
        var result = _validator.TestValidate(Command(description: Present<string?>(new string('d', 1001))));

        result.ShouldHaveValidationErrorFor(nameof(UpdateTaskCommand.Description)).WithErrorMessage("description has at most 1000 characters.").Only();
        Assert.That(result.Errors.Select(e => e.PropertyName), Is.EqualTo(new[] { nameof(UpdateTaskCommand.Description) }));
    }

    [Test]
    public void Validate_WithNulInDescription_FailsForDescription()
    {
        _validator.TestValidate(Command(description: Present<string?>("a\0b")))
            .ShouldHaveValidationErrorFor(nameof(UpdateTaskCommand.Description))
            .WithErrorMessage("description cannot contain NUL characters or unpaired surrogates.");
    }
}
