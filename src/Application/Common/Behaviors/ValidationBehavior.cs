using ValidationException = TaskManager.Application.Common.Exceptions.ValidationException;

namespace TaskManager.Application.Common.Behaviors;

/// <summary>Runs every validator of a message before its handler; a handler only ever sees a valid message.</summary>
public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(message, cancellationToken);
            failures.AddRange(result.Errors);
        }

        if (failures.Count > 0)
        {
            throw ValidationException.From(failures);
        }

        return await next(message, cancellationToken);
    }
}
