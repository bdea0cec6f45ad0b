using System.Diagnostics;
using Microsoft.Extensions.Options;
using TaskManager.IntegrationTests.Infrastructure;

namespace TaskManager.IntegrationTests.Operations;

/// <summary>Outside Development the service refuses a secret anyone could guess, or no way to check tokens at all, and says why.</summary>
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

    [TestCase("Idempotency:RetentionHours", "23", TestName = "Start_WithIdempotencyKeysKeptUnder24Hours_RefusesAndNamesTheSetting")]
    [TestCase("Idempotency:InFlightSeconds", "0", TestName = "Start_WithNoInFlightWindowForIdempotencyKeys_RefusesAndNamesTheSetting")]
    public void Start_WithRefusedIdempotencySetting_FailsWithTheReason(string key, string value)
    {
        using var factory = new TaskManagerApiFactory(new Dictionary<string, string?> { [key] = value });

        var failure = Assert.Catch(() => factory.CreateClient());

        Assert.That(failure, Is.InstanceOf<OptionsValidationException>().Or.InnerException.InstanceOf<OptionsValidationException>());
        Assert.That(failure!.ToString(), Does.Contain(key[(key.IndexOf(':') + 1)..]));
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

    [Test]
    public void Start_WithNeitherSecretNorBetterAuthUrl_RefusesAndNamesBothVariables()
    {
        using var factory = new TaskManagerApiFactory(
            new Dictionary<string, string?> { ["Auth:Secret"] = null, ["BETTER_AUTH_SECRET"] = null }, environment: "Production");

        var failure = Assert.Catch(() => factory.CreateClient());

        Assert.That(failure, Is.InstanceOf<OptionsValidationException>().Or.InnerException.InstanceOf<OptionsValidationException>());
        Assert.That(failure!.ToString(), Does.Contain("BETTER_AUTH_SECRET").And.Contain("BETTER_AUTH_URL"));
    }

    [Test]
    public async Task Start_InProductionWithOnlyBetterAuthUrl_ServesWhileBetterAuthIsUnreachable()
    {
        // Port 9 (discard) on loopback: nothing answers there.
        using var factory = new TaskManagerApiFactory(
            new Dictionary<string, string?> { ["Auth:Secret"] = null, ["BETTER_AUTH_SECRET"] = null, ["BETTER_AUTH_URL"] = "http://127.0.0.1:9" },
            environment: "Production");
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/health/live");

        Assert.That(response.IsSuccessStatusCode, Is.True);
    }

    [TestCase("not a url")]
    [TestCase("localhost:3000")]
    [TestCase("/api/auth")]
    [TestCase("ftp://auth.example.test")]
    public void Start_WithBetterAuthUrlThatIsNotAnHttpUrl_RefusesAndSaysWhy(string url)
    {
        using var factory = new TaskManagerApiFactory(new Dictionary<string, string?> { ["BETTER_AUTH_URL"] = url }, environment: "Production");

        var failure = Assert.Catch(() => factory.CreateClient());

        Assert.That(failure!.ToString(), Does.Contain("BETTER_AUTH_URL").And.Contain("absolute http(s) URL"));
    }

    [Test]
    public void Start_WithJwksUrlThatIsNotAnHttpUrl_Refuses()
    {
        using var factory = new TaskManagerApiFactory(
            new Dictionary<string, string?> { ["BETTER_AUTH_URL"] = "http://localhost:3000", ["Auth:JwksUrl"] = "jwks.json" },
            environment: "Production");

        var failure = Assert.Catch(() => factory.CreateClient());

        Assert.That(failure!.ToString(), Does.Contain("Auth:JwksUrl must be an absolute http(s) URL"));
    }

    [Test]
    public void Start_WithJwksUrlButNoBetterAuthUrl_Refuses()
    {
        using var factory = new TaskManagerApiFactory(
            new Dictionary<string, string?> { ["Auth:JwksUrl"] = "http://localhost:3000/api/auth/jwks" }, environment: "Production");

        var failure = Assert.Catch(() => factory.CreateClient());

        Assert.That(failure!.ToString(), Does.Contain("Auth:JwksUrl is set but BETTER_AUTH_URL"));
    }

    [Test]
    public void Start_WithShortSecretBesideBetterAuthUrl_StillRefuses()
    {
        using var factory = new TaskManagerApiFactory(
            new Dictionary<string, string?> { ["Auth:Secret"] = "short", ["BETTER_AUTH_SECRET"] = "short", ["BETTER_AUTH_URL"] = "http://localhost:3000" },
            environment: "Production");

        var failure = Assert.Catch(() => factory.CreateClient());

        Assert.That(failure!.ToString(), Does.Contain("needs at least 32"));
    }

    [Test]
    public async Task TokenCommand_WithOnlyBetterAuthUrl_FailsAndSaysWhereTokensComeFrom()
    {
        var start = new ProcessStartInfo("dotnet", ["TaskManager.WebApi.dll", "token", "alice"])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["BETTER_AUTH_URL"] = "http://localhost:3000";
        start.Environment.Remove("BETTER_AUTH_SECRET");
        start.Environment.Remove("Auth__Secret");

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.That(process.ExitCode, Is.EqualTo(1), await output);
        Assert.That(error, Does.Contain("BETTER_AUTH_SECRET").And.Contain("http://localhost:3000/api/auth/token"));
        Assert.That(await output, Does.Not.Contain("eyJ"));
    }
}
