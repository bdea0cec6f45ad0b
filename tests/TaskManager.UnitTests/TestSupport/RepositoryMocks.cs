using Moq;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Tasks;
using TaskManager.Domain.Tasks;

namespace TaskManager.UnitTests.TestSupport;

public static class RepositoryMocks
{
    public static Mock<ICurrentUser> CurrentUser(string userId)
    {
        var currentUser = new Mock<ICurrentUser>();
        currentUser.Setup(u => u.UserId).Returns(userId);
        return currentUser;
    }

    /// <summary>Each read of the task's id by its owner returns the next of <paramref name="reads"/>.</summary>
    public static void SetupReads(this Mock<ITaskRepository> repository, Guid id, params TaskItem?[] reads)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(reads);
        var sequence = repository.SetupSequence(r => r.FindOwnedAsync(id, TestTasks.Owner, It.IsAny<CancellationToken>()));
        foreach (var read in reads)
        {
            sequence = sequence.ReturnsAsync(read);
        }
    }

    /// <summary>A read-only read of the task's id by its owner returns <paramref name="task"/> as the database would shape it.</summary>
    public static void SetupReadOnly(this Mock<ITaskRepository> repository, Guid id, TaskItem? task)
    {
        ArgumentNullException.ThrowIfNull(repository);
        repository.Setup(r => r.FindOwnedDtoAsync(id, TestTasks.Owner, It.IsAny<CancellationToken>())).ReturnsAsync(task?.ToDto());
    }

    /// <summary>The first <paramref name="conflicts"/> saves lose a race with another writer; later saves succeed.</summary>
    public static void SetupConflicts(this Mock<ITaskRepository> repository, int conflicts)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var sequence = repository.SetupSequence(r => r.SaveChangesAsync(It.IsAny<CancellationToken>()));
        for (var i = 0; i < conflicts; i++)
        {
            sequence = sequence.ThrowsAsync(new ConcurrencyConflictException(new InvalidOperationException("The row version changed.")));
        }

        sequence.Returns(Task.CompletedTask);
    }
}
