using FluentValidation.TestHelper;
using TaskManager.Application.Tasks.Commands.CreateTask;

namespace TaskManager.UnitTests.Tasks.Commands.CreateTask;

public sealed class CreateTaskCommandValidatorTests
{
    private readonly CreateTaskCommandValidator _validator = new();

    private static CreateTaskCommand Command(string? title = "Buy milk", string? description = null) =>
        new(title, description, Completed: false);

    [Test]
    public void Validate_WithTitleOnly_IsValid()
    {
        _validator.TestValidate(Command()).ShouldNotHaveAnyValidationErrors();
    }

    [Test]
    public void Validate_WithNullTitle_FailsForTitle()
    {
        _validator.TestValidate(Command(title: null))
            .ShouldHaveValidationErrorFor(c => c.Title)
            .WithErrorMessage("title is required and cannot be null.")
            .Only();
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("\t\r\n")]
    public void Validate_WithBlankTitle_FailsForTitle(string title)
    {
        _validator.TestValidate(Command(title))
            .ShouldHaveValidationErrorFor(c => c.Title)
            .WithErrorMessage("title cannot be blank.")
            .Only();
    }

    [Test]
    public void Validate_WithTitleOf255CharactersAfterTrimming_IsValid()
    {
        _validator.TestValidate(Command("  " + new string('a', 255) + "\t")).ShouldNotHaveAnyValidationErrors();
    }

    [Test]
    public void Validate_WithTitleOf256Characters_FailsForTitle()
    {
        _validator.TestValidate(Command(new string('a', 256)))
            .ShouldHaveValidationErrorFor(c => c.Title)
            .WithErrorMessage("title has at most 255 characters after trimming.");
    }

    [TestCase("Buy\nmilk")]
    [TestCase("Buy\tmilk")]
    [TestCase("Buy\0milk")]
    [TestCase("Buy\u001Bmilk")]
    [TestCase("Buy\u007Fmilk")]
    [TestCase("Buy\u0085milk")]
    public void Validate_WithControlCharacterInsideTitle_FailsForTitle(string title)
    {
        _validator.TestValidate(Command(title))
            .ShouldHaveValidationErrorFor(c => c.Title)
            .WithErrorMessage("title cannot contain control characters.");
    }

    [Test]
    public void Validate_WithWhiteSpaceControlCharactersAroundTitle_IsValidBecauseTheyAreTrimmed()
    {
        _validator.TestValidate(Command("\r\n\tBuy milk\n")).ShouldNotHaveAnyValidationErrors();
    }

    [Test]
    public void Validate_WithNullDescription_IsValid()
    {
        _validator.TestValidate(Command(description: null)).ShouldNotHaveValidationErrorFor(c => c.Description);
    }

    [Test]
    public void Validate_WithDescriptionOf1000Characters_IsValid()
    {
        _validator.TestValidate(Command(description: new string('d', 1000))).ShouldNotHaveAnyValidationErrors();
    }

    [Test]
    public void Validate_WithDescriptionOf1001Characters_FailsForDescription()
    {
        _validator.TestValidate(Command(description: new string('d', 1001)))
            .ShouldHaveValidationErrorFor(c => c.Description)
            .WithErrorMessage("description has at most 1000 characters.")
            .Only();
    }

    [Test]
    public void Validate_WithNulInDescription_FailsForDescription()
    {
        _validator.TestValidate(Command(description: "line\0break"))
            .ShouldHaveValidationErrorFor(c => c.Description)
            .WithErrorMessage("description cannot contain NUL characters or unpaired surrogates.")
            .Only();
    }

    [Test]
    public void Validate_WithOtherControlCharactersInDescription_IsValid()
    {
        _validator.TestValidate(Command(description: "first line\r\n\tsecond line")).ShouldNotHaveAnyValidationErrors();
    }

    [Test]
    public void Validate_WithBadTitleAndBadDescription_ReportsBoth()
    {
        var result = _validator.TestValidate(Command(title: " ", description: new string('d', 1001)));

        result.ShouldHaveValidationErrorFor(c => c.Title);
        result.ShouldHaveValidationErrorFor(c => c.Description);
    }
}
