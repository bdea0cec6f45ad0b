using Microsoft.AspNetCore.Authorization;
using TaskManager.Infrastructure.Auth;

namespace TaskManager.WebApi.Auth;

/// <summary>
/// The path's {user_id} must be the token's subject. Checked by the authorization middleware, before the body is read
/// or any data is touched, so a stranger learns the same 403 whether or not a task exists; the handlers check it again.
/// </summary>
internal static class PathUserPolicy
{
    public const string Name = "PathUserIsSubject";
    public const string RouteKey = "user_id";

    public static void Add(AuthorizationOptions options) =>
        options.AddPolicy(Name, policy => policy.RequireAuthenticatedUser().AddRequirements(new Requirement()));

    internal sealed class Requirement : IAuthorizationRequirement;

    internal sealed class Handler : AuthorizationHandler<Requirement>
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, Requirement requirement)
        {
            if (context.Resource is HttpContext http
                && http.GetRouteValue(RouteKey) is string pathUser
                && string.Equals(pathUser, TokenSubject.Of(context.User), StringComparison.Ordinal))
            {
                context.Succeed(requirement);
            }

            return Task.CompletedTask;
        }
    }
}
