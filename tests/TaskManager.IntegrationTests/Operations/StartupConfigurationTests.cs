using Microsoft.Extensions.Options;
using TaskManager.IntegrationTests.Infrastructure;

namespace TaskManager.IntegrationTests.Operations;

/// <summary>Outside Development the service refuses a secret anyone could guess, and says why.</summary>
public sealed class StartupConfigurationTests
{
    private const string DevelopmentSecret = "dev-only-insecure-secret-do-not-use-in-production-0123456789";

    [TestCase("", "No token secret is configured", TestName = "Start_InProductionWithoutSecret_RefusesAndNamesTheVariable")]
    [TestCase("too-short-secret", "needs at least 32", TestName = "Start_WithSecretShorterThan32Bytes_Refuses")]
    [TestCase(DevelopmentSecret, "published development secret", TestName = "Start_InProductionWithDevelopmentSecret_Refuses")]
    public void Start_WithRefusedSecret_FailsWithTheReason(string secret, string reason)
    {
        using var factory = new TaskManagerApiFactory(
            new Dictionary<string, string?> { ["Auth:Secret"] = secret, ["BETTER_AUTH_SECRET"] = secret },
            environment: "Production");

        var failure = Assert.Catch(() => factory.CreateClient());

        Assert.That(failure, Is.InstanceOf<OptionsValidationException>().Or.InnerException.InstanceOf<OptionsValidationException>());
        Assert.That(failure!.ToString(), Does.Contain(reason).And.Contain("BETTER_AUTH_SECRET"));
    }

    [Test]
    public async Task Start_InDevelopmentWithDevelopmentSecret_Serves()
    {
        using var factory = new TaskManagerApiFactory(
            new Dictionary<string, string?> { ["Auth:Secret"] = DevelopmentSecret, ["BETTER_AUTH_SECRET"] = null },
            environment: "Development");
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/health/live");

        Assert.That(response.IsSuccessStatusCode, Is.True);
    }

    [Test]
    public async Task Start_WithBetterAuthSecretVariable_ChecksTokensWithIt()
    {
        const string secret = "a-better-auth-secret-from-the-environment-42";
        using var factory = new TaskManagerApiFactory(
            new Dictionary<string, string?> { ["Auth:Secret"] = "a-different-secret-in-appsettings-000000000", ["BETTER_AUTH_SECRET"] = secret },
            environment: "Production");
        var user = Api.NewUserId();
        using var client = factory.ClientWithToken(Tokens.Sign(
            new Dictionary<string, object> { ["sub"] = user, ["exp"] = Tokens.Expiry(TimeSpan.FromMinutes(5)) }, secret));

        using var response = await client.GetAsync(Api.TasksPath(user));

        Assert.That(response.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK));
    }
}
