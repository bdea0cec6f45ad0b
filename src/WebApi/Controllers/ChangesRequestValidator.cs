using FluentValidation;

namespace TaskManager.WebApi.Controllers;

/// <summary>The feed's page size (400 naming it); the token is checked by the handler, which knows whose it must be.</summary>
internal sealed class ChangesRequestValidator : AbstractValidator<ChangesRequest>
{
    public ChangesRequestValidator() =>
        RuleFor(r => r.Limit).InclusiveBetween(1, ChangesRequest.LimitMax)
            .WithMessage($"limit must be a whole number from 1 to {ChangesRequest.LimitMax}.");
}
