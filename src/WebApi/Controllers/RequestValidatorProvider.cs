using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;

namespace TaskManager.WebApi.Controllers;

/// <summary>
/// MVC's only model validation: a bound request that has a FluentValidation validator (the list's query) is checked by
/// it, and each failure joins the model state under its member's name, so that <c>[ApiController]</c> answers 400.
/// FluentValidation's own MVC integration did the same but also, for every parameter of every action, searched the
/// parameter's attributes and wrote to <c>HttpContext.Items</c>; MVC asks this provider once per model instead.
/// </summary>
internal sealed class RequestValidatorProvider(IServiceProvider services) : IModelValidatorProvider
{
    public void CreateValidators(ModelValidatorProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // A request model as a whole, not each of its members: what FluentValidation's integration validated.
        if (context.ModelMetadata.MetadataKind != ModelMetadataKind.Property
            && services.GetService(typeof(IValidator<>).MakeGenericType(context.ModelMetadata.ModelType)) is IValidator validator)
        {
            context.Results.Add(new ValidatorItem { Validator = new FluentModelValidator(validator), IsReusable = true });
        }
    }

    private sealed class FluentModelValidator(IValidator validator) : IModelValidator
    {
        public IEnumerable<ModelValidationResult> Validate(ModelValidationContext context) =>
            context.Model is null
                ? []
                : validator.Validate(new ValidationContext<object>(context.Model)).Errors
                    .Select(failure => new ModelValidationResult(failure.PropertyName, failure.ErrorMessage));
    }
}
