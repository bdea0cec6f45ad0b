using TaskManager.Application.Common.Interfaces;
using TaskManager.Infrastructure.Auth;

namespace TaskManager.WebApi.Auth;

internal sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    public string UserId =>
        (accessor.HttpContext is { } context ? TokenSubject.Of(context) : null)
        ?? throw new UnauthorizedAccessException("The caller is not authenticated.");
}
