using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace TaskManager.WebApi.Controllers;

/// <summary>
/// Binds the enum and number parameters of <see cref="ListTasksRequest"/> and <see cref="ChangesRequest"/>: enums by name only, in any case (MVC's own
/// binder would also take "1" or "pending,completed"), numbers as plain digits. An unreadable value binds as one out of
/// range (-1), so that <see cref="ListTasksRequestValidator"/> names it with the same message as any other bad value.
/// </summary>
internal sealed class ListTasksRequestBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Metadata.ContainerType != typeof(ListTasksRequest) && context.Metadata.ContainerType != typeof(ChangesRequest))
        {
            return null;
        }

        var type = Nullable.GetUnderlyingType(context.Metadata.ModelType) ?? context.Metadata.ModelType;
        return type.IsEnum ? new QueryValueBinder(value => ParseEnum(type, value))
            : type == typeof(int) ? new QueryValueBinder(value =>
                int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : -1)
            : null;
    }

    private static object ParseEnum(Type type, string value) =>
        value.All(char.IsAsciiLetter) && Enum.TryParse(type, value, ignoreCase: true, out var parsed) ? parsed! : Enum.ToObject(type, -1);

    private sealed class QueryValueBinder(Func<string, object> parse) : IModelBinder
    {
        public Task BindModelAsync(ModelBindingContext bindingContext)
        {
            var value = bindingContext.ValueProvider.GetValue(bindingContext.ModelName).FirstValue;
            if (!string.IsNullOrEmpty(value))
            {
                bindingContext.Result = ModelBindingResult.Success(parse(value));
            }

            return Task.CompletedTask;
        }
    }
}
