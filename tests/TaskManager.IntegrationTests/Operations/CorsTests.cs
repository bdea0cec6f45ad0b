using System.Net;
using Microsoft.Extensions.Options;
using TaskManager.IntegrationTests.Infrastructure;

namespace TaskManager.IntegrationTests.Operations;

/// <summary>
/// CORS for the SPA as the contract states it: origins from Cors:AllowedOrigins, preflights answered without a token,
/// the contract's headers allowed and exposed, and errors readable by the allowed origin. The browser itself is
/// exercised by e2e/cors.test.mjs against the published service.
/// </summary>
public sealed class CorsTests
{
    private const string Spa = "http://127.0.0.1:5173";
    private const string Stranger = "http://127.0.0.1:6666";

    private TaskManagerApiFactory _factory = null!;

    [OneTimeSetUp]
    public void StartApi() => _factory = new TaskManagerApiFactory(new Dictionary<string, string?>
    {
        ["Cors:AllowedOrigins:0"] = Spa,
        // Normalised as a browser writes Origin: lower case, no trailing slash.
        ["Cors:AllowedOrigins:1"] = "HTTPS://App.Example.com/",
    });

    [OneTimeTearDown]
    public void StopApi() => _factory.Dispose();

    [TestCase("PUT")]
    [TestCase("PATCH")]
    [TestCase("DELETE")]
    [TestCase("POST")]
    [TestCase("GET")]
    public async Task Preflight_FromAnAllowedOrigin_AllowsTheMethodAndTheContractsHeaders_WithoutAToken(string method)
    {
        using var client = _factory.ClientWithToken(null);

        using var response = await PreflightAsync(client, Api.TaskPath("alice", Guid.NewGuid().ToString()), Spa, method,
            "authorization, content-type, if-match, if-none-match, idempotency-key");

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(Header(response, "Access-Control-Allow-Origin"), Is.EqualTo(Spa));
            Assert.That(List(response, "Access-Control-Allow-Methods"), Does.Contain(method.ToLowerInvariant()));
            Assert.That(List(response, "Access-Control-Allow-Headers"), Is.SupersetOf(
                new[] { "authorization", "content-type", "if-match", "if-none-match", "idempotency-key" }));
            Assert.That(Header(response, "Access-Control-Max-Age"), Is.EqualTo("600"));
            Assert.That(response.Headers.Contains("WWW-Authenticate"), Is.False, "a preflight is not challenged");
        });
    }

    [Test]
    public async Task Preflight_ForAHeaderTheContractDoesNotName_DoesNotAllowIt()
    {
        using var client = _factory.ClientWithToken(null);

        using var response = await PreflightAsync(client, Api.TasksPath("alice"), Spa, "POST", "authorization, x-custom");

        Assert.That(List(response, "Access-Control-Allow-Headers"), Does.Not.Contain("x-custom"));
    }

    [TestCase(Stranger)]
    [TestCase("http://localhost:5173")]
    [TestCase("https://127.0.0.1:5173")]
    [TestCase("null")]
    public async Task Preflight_FromAnotherOrigin_AllowsNothing(string origin)
    {
        using var client = _factory.ClientWithToken(null);

        using var response = await PreflightAsync(client, Api.TasksPath("alice"), origin, "POST", "authorization, content-type");

        Assert.Multiple(() =>
        {
            Assert.That(response.Headers.Contains("Access-Control-Allow-Origin"), Is.False);
            Assert.That(response.Headers.Contains("Access-Control-Allow-Headers"), Is.False);
            Assert.That(response.Headers.Contains("Access-Control-Allow-Methods"), Is.False);
        });
    }

    [Test]
    public async Task Preflight_FromAConfiguredOriginWrittenInAnotherCase_IsAllowed()
    {
        using var client = _factory.ClientWithToken(null);

        using var response = await PreflightAsync(client, Api.TasksPath("alice"), "https://app.example.com", "POST", "authorization");

        Assert.That(Header(response, "Access-Control-Allow-Origin"), Is.EqualTo("https://app.example.com"));
    }

    [Test]
    public async Task Preflight_WithNoOriginsConfigured_AllowsNoOrigin()
    {
        using var factory = new TaskManagerApiFactory();
        using var client = factory.ClientWithToken(null);

        using var response = await PreflightAsync(client, Api.TasksPath("alice"), Spa, "POST", "authorization, content-type");

        Assert.That(response.Headers.Contains("Access-Control-Allow-Origin"), Is.False);
    }

    [Test]
    public async Task Responses_ToAnAllowedOrigin_AllowItAndExposeTheContractsHeaders()
    {
        var user = Api.NewUserId();
        using var client = _factory.ClientFor(user);
        client.DefaultRequestHeaders.Add("Origin", Spa);

        using var created = await client.PostAsync(Api.TasksPath(user), Api.Json("""{"title":"From the SPA"}"""));
        using var listed = await client.GetAsync(Api.TasksPath(user));

        foreach (var response in new[] { created, listed })
        {
            Assert.Multiple(() =>
            {
                Assert.That(Header(response, "Access-Control-Allow-Origin"), Is.EqualTo(Spa));
                Assert.That(List(response, "Access-Control-Expose-Headers"), Is.EquivalentTo(
                    new[] { "etag", "location", "x-total-count", "link", "retry-after", "idempotent-replayed" }));
                Assert.That(List(response, "Vary"), Does.Contain("origin"), "a cache must not serve one origin's answer to another");
            });
        }
    }

    [Test]
    public async Task Errors_ToAnAllowedOrigin_CarryTheCorsHeaders_SoTheSpaCanReadThem()
    {
        var user = Api.NewUserId();
        using var anonymous = _factory.ClientWithToken(null);
        using var client = _factory.ClientFor(user);
        using var stranger = _factory.ClientFor(Api.NewUserId());
        foreach (var c in new[] { anonymous, client, stranger })
        {
            c.DefaultRequestHeaders.Add("Origin", Spa);
        }

        using var unauthorized = await anonymous.GetAsync(Api.TasksPath(user));
        using var forbidden = await stranger.GetAsync(Api.TasksPath(user));
        using var notFound = await client.GetAsync(Api.TaskPath(user, Guid.NewGuid().ToString()));
        using var invalid = await client.PostAsync(Api.TasksPath(user), Api.Json("""{"title":""}"""));

        await unauthorized.AssertProblemAsync(HttpStatusCode.Unauthorized);
        await forbidden.AssertProblemAsync(HttpStatusCode.Forbidden);
        await notFound.AssertProblemAsync(HttpStatusCode.NotFound);
        await invalid.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Multiple(() =>
        {
            foreach (var response in new[] { unauthorized, forbidden, notFound, invalid })
            {
                Assert.That(Header(response, "Access-Control-Allow-Origin"), Is.EqualTo(Spa), response.StatusCode.ToString());
                Assert.That(List(response, "Access-Control-Expose-Headers"), Does.Contain("etag"), response.StatusCode.ToString());
            }
        });
    }

    [Test]
    public async Task Responses_ToAnotherOrigin_CarryNoCorsHeaders()
    {
        var user = Api.NewUserId();
        using var client = _factory.ClientFor(user);
        client.DefaultRequestHeaders.Add("Origin", Stranger);

        using var response = await client.GetAsync(Api.TasksPath(user));

        Assert.Multiple(() =>
        {
            // The server still answers (CORS is the browser's rule); the browser then withholds the answer from the page.
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Headers.Contains("Access-Control-Allow-Origin"), Is.False);
            Assert.That(response.Headers.Contains("Access-Control-Expose-Headers"), Is.False);
        });
    }

    [TestCase("*")]
    [TestCase("https://app.example.com/spa")]
    [TestCase("app.example.com")]
    [TestCase("ftp://app.example.com")]
    public void Start_WithAnEntryThatIsNotAnOrigin_RefusesAndSaysWhy(string origin)
    {
        using var factory = new TaskManagerApiFactory(new Dictionary<string, string?> { ["Cors:AllowedOrigins:0"] = origin });

        var failure = Assert.Catch(() => factory.CreateClient());

        Assert.That(failure, Is.InstanceOf<OptionsValidationException>().Or.InnerException.InstanceOf<OptionsValidationException>());
        Assert.That(failure!.ToString(), Does.Contain("Cors:AllowedOrigins").And.Contain(origin));
    }

    private static async Task<HttpResponseMessage> PreflightAsync(HttpClient client, string path, string origin, string method, string headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", headers);
        return await client.SendAsync(request);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    private static string[] List(HttpResponseMessage response, string name) =>
        Header(response, name)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(v => v.ToLowerInvariant()).ToArray() ?? [];
}
