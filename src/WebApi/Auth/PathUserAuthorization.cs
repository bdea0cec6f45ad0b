using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Infrastructure.Auth;
using TaskManager.WebApi.Errors;

namespace TaskManager.WebApi.Auth;

/// <summary>
/// The one place that decides whose tasks a request may reach: the path's {user_id} must be the token's subject.
/// Checked by the authorization middleware, before the body is read or any data is touched, so a stranger learns the
/// same 403 whether or not a task exists. Handlers then take the owner from <see cref="ICurrentUser"/>.
/// </summary>
internal static class PathUserAuthorization
{
    public const string PolicyName = "PathUserIsSubject";

    private const string Refusal = "The path names another user: a caller can only reach their own tasks.";

    public static IServiceCollection AddPathUserAuthorization(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, CurrentUser>();
        services.AddAuthorization(options =>
            options.AddPolicy(PolicyName, policy => policy.RequireAuthenticatedUser().AddRequirements(new Requirement())));
        services.AddSingleton<IAuthorizationHandler, Handler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemResultHandler>();
        return services;
    }

    private sealed class Requirement : IAuthorizationRequirement;

    /// <summary>The token's subject, the owner every handler works for: on /api the policy has compared it with the path; /mcp has none.</summary>
    private sealed class CurrentUser(IHttpContextAccessor accessor) : ICurrentUser
    {
        public string UserId =>
            (accessor.HttpContext is { } context ? TokenSubject.Of(context) : null)
            ?? throw new UnauthorizedAccessException("The caller is not authenticated.");
    }

    private sealed class Handler : AuthorizationHandler<Requirement>
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, Requirement requirement)
        {
            if (context.Resource is HttpContext http
                && http.GetRouteValue("user_id") is string pathUser
                && string.Equals(pathUser, TokenSubject.Of(http), StringComparison.Ordinal))
            {
                context.Succeed(requirement);
            }

            return Task.CompletedTask;
        }
    }

    /// <summary>A refused authorization answers 403 as problem+json, like every other error.</summary>
    private sealed class ProblemResultHandler : IAuthorizationMiddlewareResultHandler
    {
        private readonly AuthorizationMiddlewareResultHandler _default = new();

        public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
        {
            if (authorizeResult.Forbidden)
            {
                await ProblemJsonWriter.RespondAsync(context, StatusCodes.Status403Forbidden, Refusal);
                return;
            }

            await _default.HandleAsync(next, context, policy, authorizeResult);
        }
    }
}
