using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TaskManager.IntegrationTests.Infrastructure;
using TaskManager.WebApi.Controllers;

namespace TaskManager.IntegrationTests.Tasks;

/// <summary>
/// MVC validates a bound request only where a validator exists (the list's query): no action parameter pays for a
/// validation framework that has nothing to check (FluentValidation's MVC integration searched every parameter's
/// attributes and wrote to HttpContext.Items on every request), and data annotations stay documentation.
/// </summary>
public sealed class RequestValidationTests
{
    [Test]
    public void ActionParameters_OnlyTheListQuery_HasAModelValidator()
    {
        using var factory = new TaskManagerApiFactory();
        var options = factory.Services.GetRequiredService<IOptions<MvcOptions>>().Value;
        var metadata = factory.Services.GetRequiredService<IModelMetadataProvider>();

        var validated = typeof(TasksController).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .SelectMany(action => action.GetParameters())
            .Where(parameter => ValidatorsOf(options, metadata.GetMetadataForType(parameter.ParameterType)) > 0)
            .Select(parameter => parameter.ParameterType)
            .Distinct()
            .ToList();

        Assert.Multiple(() =>
        {
            Assert.That(validated, Is.EqualTo(new[] { typeof(ListTasksRequest) }), "parameter types with a model validator");
            Assert.That(options.ModelValidatorProviders.Select(provider => provider.GetType()), Is.EqualTo(new[] { typeof(RequestValidatorProvider) }),
                "MVC's model validator providers");
        });
    }

    private static int ValidatorsOf(MvcOptions options, ModelMetadata metadata)
    {
        var context = new ModelValidatorProviderContext(metadata, metadata.ValidatorMetadata.Select(item => new ValidatorItem(item)).ToList());
        foreach (var provider in options.ModelValidatorProviders)
        {
            provider.CreateValidators(context);
        }

        return context.Results.Count(item => item.Validator is not null);
    }
}
