using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using TaskManager.WebApi.Errors;
using TaskManager.WebApi.Http;

namespace TaskManager.WebApi.Controllers;

internal static class ControllersSetup
{
    /// <summary>MVC for the task controller: the wire's JSON, the typed requests' binding, and their checks by FluentValidation.</summary>
    public static IServiceCollection AddTaskControllers(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(options => JsonSetup.Apply(options.SerializerOptions));
        services.AddControllers(options =>
            {
                // The API reads JSON only: a form body must not be parsed (and fail) on routes that take no body at all.
                options.ValueProviderFactories.RemoveType<FormValueProviderFactory>();
                options.ValueProviderFactories.RemoveType<FormFileValueProviderFactory>();
                options.ValueProviderFactories.RemoveType<JQueryFormValueProviderFactory>();
                options.ModelBinderProviders.Insert(0, new ListTasksRequestBinderProvider());
            })
            .AddJsonOptions(options => JsonSetup.Apply(options.JsonSerializerOptions))
            .ConfigureApiBehaviorOptions(options =>
            {
                // MVC's refusals (malformed JSON, invalid parameters; 415 and the like) reach the one problem writer.
                options.InvalidModelStateResponseFactory = context => throw BadRequestException.From(context.ModelState);
                options.SuppressMapClientErrors = true;
            });
        services.AddValidatorsFromAssemblyContaining<ListTasksRequestValidator>(ServiceLifetime.Singleton, includeInternalTypes: true);
        // The data annotations on the typed requests describe them in the OpenAPI document; the validators check them.
        services.AddFluentValidationAutoValidation(options => options.DisableDataAnnotationsValidation = true);
        return services;
    }
}
