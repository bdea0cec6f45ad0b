using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Common.Interfaces;
using TaskManager.UnitTests.TestSupport;

namespace TaskManager.UnitTests.Common.Interfaces;

public sealed class CurrentUserExtensionsTests
{
    [Test]
    public void RequireOwner_WhenCallerIsTheNamedUser_ReturnsTheCallersId()
    {
        var currentUser = RepositoryMocks.CurrentUser("alice").Object;

        Assert.That(currentUser.RequireOwner("alice"), Is.EqualTo("alice"));
    }

    [TestCase("bob")]
    [TestCase("Alice")]
    [TestCase("alice ")]
    [TestCase("")]
    public void RequireOwner_WhenPathNamesAnotherUser_ThrowsForbidden(string requestedUserId)
    {
        var currentUser = RepositoryMocks.CurrentUser("alice").Object;

        Assert.That(() => currentUser.RequireOwner(requestedUserId), Throws.TypeOf<ForbiddenAccessException>());
    }

    [Test]
    public void RequireOwner_WhenCallerIsAnonymous_ThrowsUnauthorizedEvenForAnotherUsersPath()
    {
        var currentUser = RepositoryMocks.CurrentUser(null).Object;

        Assert.That(() => currentUser.RequireOwner("bob"), Throws.TypeOf<UnauthorizedAccessException>());
    }
}
