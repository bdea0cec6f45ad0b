using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using TaskManager.Application.Common.Exceptions;
using TaskManager.WebApi.Errors;

namespace TaskManager.WebApi.Auth;

/// <summary>A refused authorization answers 403 as problem+json, like every other error.</summary>
internal sealed class ProblemAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden)
        {
            await Problems.WriteAsync(context, StatusCodes.Status403Forbidden, ForbiddenAccessException.Explanation);
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
