namespace TaskManager.WebApi.Errors;

internal static class Problems
{
    /// <summary>Answers with <paramref name="status"/> and a problem saying <paramref name="detail"/>, for middleware that decides on its own.</summary>
    public static async Task WriteAsync(HttpContext context, int status, string detail)
    {
        context.Response.StatusCode = status;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Detail = detail },
        });
    }
}
