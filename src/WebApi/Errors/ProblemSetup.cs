namespace TaskManager.WebApi.Errors;

/// <summary>Problem+json for every error: exceptions, empty error answers and middleware all reach <see cref="ProblemJsonWriter"/>.</summary>
internal static class ProblemSetup
{
    public static IServiceCollection AddProblemResponses(this IServiceCollection services)
    {
        // Registered before AddProblemDetails so that it is the writer chosen for every problem.
        services.AddSingleton<IProblemDetailsWriter, ProblemJsonWriter>();
        services.AddProblemDetails();
        services.AddExceptionHandler<ExceptionProblemHandler>();
        return services;
    }

    /// <summary>Exceptions through <see cref="ExceptionProblemHandler"/>; error answers without a body (404, 405, 415) get one.</summary>
    public static IApplicationBuilder UseProblemResponses(this IApplicationBuilder app) =>
        app.UseExceptionHandler().UseStatusCodePages();
}
