using TaskManager.Application.Common.Interfaces;
using TaskManager.Infrastructure.Auth;

namespace TaskManager.WebApi.Auth;

internal sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    public string? UserId => TokenSubject.Of(accessor.HttpContext?.User);
}
