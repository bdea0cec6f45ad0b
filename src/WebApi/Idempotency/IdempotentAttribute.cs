using Microsoft.AspNetCore.Mvc;

namespace TaskManager.WebApi.Idempotency;

/// <summary>The action honours an Idempotency-Key header (<see cref="IdempotencyFilter"/>).</summary>
internal sealed class IdempotentAttribute() : TypeFilterAttribute(typeof(IdempotencyFilter));
