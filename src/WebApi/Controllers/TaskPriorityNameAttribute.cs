using System.ComponentModel.DataAnnotations;
using TaskManager.Domain.Tasks;

namespace TaskManager.WebApi.Controllers;

/// <summary>A body's priority: the names the OpenAPI document lists for it (the validators check them).</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class TaskPriorityNameAttribute()
    : AllowedValuesAttribute(TaskPriorityNames.None, TaskPriorityNames.Low, TaskPriorityNames.Medium, TaskPriorityNames.High);
