using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace TaskManager.WebApi.Controllers;

/// <summary>
/// Binds the enum and number parameters of <see cref="ListTasksRequest"/>: enums by name only, in any case (MVC's own
/// binder would also take "1" or "pending,completed"), numbers as plain digits. An unreadable value binds as one out of
/// range (-1), so that <see cref="ListTasksRequestValidator"/> names it with the same message as any other bad value.
/// </summary>
internal sealed class ListTasksRequestBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Metadata.ContainerType != typeof(ListTasksRequest))
        {
            return null;
        }

        var type = Nullable.GetUnderlyingType(context.Metadata.ModelType) ?? context.Metadata.ModelType;
        return type.IsEnum ? (IModelBinder)Activator.CreateInstance(typeof(EnumBinder<>).MakeGenericType(type))!
            : type == typeof(int) ? new IntegerBinder()
            : null;
    }

    private abstract class QueryValueBinder : IModelBinder
    {
        public Task BindModelAsync(ModelBindingContext bindingContext)
        {
            var value = bindingContext.ValueProvider.GetValue(bindingContext.ModelName).FirstValue;
            if (!string.IsNullOrEmpty(value))
            {
                bindingContext.Result = ModelBindingResult.Success(Parse(value));
            }

            return Task.CompletedTask;
        }

        protected abstract object Parse(string value);
    }

    private sealed class EnumBinder<TEnum> : QueryValueBinder
        where TEnum : struct, Enum
    {
        private static readonly object Unreadable = Enum.ToObject(typeof(TEnum), -1);

        protected override object Parse(string value) =>
            value.All(char.IsAsciiLetter) && Enum.TryParse<TEnum>(value, ignoreCase: true, out var parsed) ? parsed : Unreadable;
    }

    private sealed class IntegerBinder : QueryValueBinder
    {
        protected override object Parse(string value) =>
            int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : -1;
    }
}
