using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TaskManager.Infrastructure.Auth;
using TaskManager.IntegrationTests.Infrastructure;
using static TaskManager.IntegrationTests.Infrastructure.BetterAuthTokens;

namespace TaskManager.IntegrationTests.Auth;

/// <summary>
/// How the API gets Better Auth's keys: lazily, cached, refreshed, at most one fetch per 30 s, and never failing a
/// request with anything but a 401 whatever the JWKS endpoint does (down, slow, garbage, unusable keys, rotation).
/// Each test has its own loopback JWKS server and API; the API's clock is moved instead of waiting.
/// </summary>
public sealed class JwksKeyLifecycleTests
{
    private static readonly TimeSpan PastTheFloor = TimeSpan.FromSeconds(31);

    [Test]
    public async Task Keys_AreFetchedOnFirstNeed_NotAtStart_AndThenCached()
    {
        using var key = TestKey.Ed25519("ed-lazy");
        await using var server = await JwksServer.StartAsync(key);
        using var api = ApiFor(server);

        using var health = api.CreateClient();
        Assert.That((await health.GetAsync("/health/live")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await StatusAsync(api, Tokens.Valid), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(server.Requests, Is.Zero, "neither start-up nor a shared-secret token fetches the keys");

        Assert.That(await StatusAsync(api, key, server), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await StatusAsync(api, key, server), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(server.Requests, Is.EqualTo(1));
    }

    [Test]
    public async Task EndpointDownAtStart_SharedSecretStillServes_AndJwksTokensWorkOnceItIsUp_WithoutRestart()
    {
        using var key = TestKey.Ed25519("ed-late");
        await using var server = JwksServer.NotStarted(key);
        using var api = ApiFor(server);

        using var health = api.CreateClient();
        Assert.That((await health.GetAsync("/health/live")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await StatusAsync(api, Tokens.Valid), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await StatusAsync(api, key, server), Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(api.Logs.Entries, Has.Some.Contains("Could not fetch signing keys"));

        await server.StartAsync();
        Assert.That(await StatusAsync(api, key, server), Is.EqualTo(HttpStatusCode.Unauthorized),
            "within 30 s of the failed fetch, no new fetch is made");
        Assert.That(server.Requests, Is.Zero);

        api.Clock.Advance(PastTheFloor);
        Assert.That(await StatusAsync(api, key, server), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(server.Requests, Is.EqualTo(1));
    }

    [Test]
    public async Task Rotation_NewKidIsAccepted_AndUnknownKidsRefetchAtMostOncePer30Seconds()
    {
        using var first = TestKey.Ed25519("ed-first");
        using var second = TestKey.EcP256("p256-second");
        using var attacker = TestKey.Ed25519("never-published");
        await using var server = await JwksServer.StartAsync(first);
        using var api = ApiFor(server);
        Assert.That(await StatusAsync(api, first, server), Is.EqualTo(HttpStatusCode.OK));

        // Better Auth rotates: the new key is published beside the old one.
        server.Publish(first, second);
        for (var i = 0; i < 3; i++)
        {
            Assert.That(await StatusAsync(api, second, server), Is.EqualTo(HttpStatusCode.Unauthorized));
        }

        Assert.That(server.Requests, Is.EqualTo(1), "an unknown kid within 30 s of the last fetch fetches nothing");

        api.Clock.Advance(PastTheFloor);
        Assert.That(await StatusAsync(api, second, server), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await StatusAsync(api, first, server), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(server.Requests, Is.EqualTo(2));

        for (var i = 0; i < 5; i++)
        {
            Assert.That(await StatusAsync(api, attacker, server), Is.EqualTo(HttpStatusCode.Unauthorized));
        }

        Assert.That(server.Requests, Is.EqualTo(2), "a flood of unknown kids does not reach Better Auth");
        api.Clock.Advance(PastTheFloor);
        Assert.That(await StatusAsync(api, attacker, server), Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(server.Requests, Is.EqualTo(3));
    }

    [Test]
    public async Task ConcurrentFirstRequests_ShareOneFetch()
    {
        using var key = TestKey.Rsa("RS256", "rs-concurrent");
        await using var server = await JwksServer.StartAsync(key);
        server.Delay = TimeSpan.FromMilliseconds(300);
        using var api = ApiFor(server);

        var statuses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => StatusAsync(api, key, server)));

        Assert.That(statuses, Is.All.EqualTo(HttpStatusCode.OK));
        Assert.That(server.Requests, Is.EqualTo(1));
    }

    [Test]
    public async Task PeriodicRefresh_DropsAKeyBetterAuthNoLongerPublishes_WithoutMakingRequestsWait()
    {
        using var retired = TestKey.Ed25519("ed-retired");
        using var current = TestKey.Ed25519("ed-current");
        await using var server = await JwksServer.StartAsync(retired);
        using var api = ApiFor(server);
        Assert.That(await StatusAsync(api, retired, server), Is.EqualTo(HttpStatusCode.OK));
        server.Publish(current);

        api.Clock.Advance(TimeSpan.FromMinutes(9));
        Assert.That(await StatusAsync(api, retired, server), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(server.Requests, Is.EqualTo(1), "keys younger than 10 minutes are not refreshed");

        api.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.That(await StatusAsync(api, retired, server), Is.EqualTo(HttpStatusCode.OK),
            "the cached key answers at once while the refresh runs in the background");
        var refreshed = await EventuallyAsync(async () => await StatusAsync(api, retired, server) == HttpStatusCode.Unauthorized);

        Assert.That(refreshed, Is.True, "the background refresh dropped the retired key");
        Assert.That(await StatusAsync(api, current, server), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(server.Requests, Is.EqualTo(2));
    }

    [TestCase("<html><body>502 Bad Gateway</body></html>", 200, "the response is not JSON", TestName = "Jwks_NotJson_IsLoggedAndIgnored")]
    [TestCase("""{"keys":[],"keys":[]}""", 200, "the response is not JSON", TestName = "Jwks_WithDuplicateMembers_IsLoggedAndIgnored")]
    [TestCase("[]", 200, "is not a JWKS", TestName = "Jwks_AnArray_IsLoggedAndIgnored")]
    [TestCase("null", 200, "is not a JWKS", TestName = "Jwks_Null_IsLoggedAndIgnored")]
    [TestCase("""{"keys":"none"}""", 200, "is not a JWKS", TestName = "Jwks_KeysNotAnArray_IsLoggedAndIgnored")]
    [TestCase("""{"keys":[]}""", 200, "holds no usable key", TestName = "Jwks_Empty_IsLoggedAndIgnored")]
    [TestCase("""{"keys":[{"kty":"oct","kid":"oct-1","k":"c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA"}]}""", 200, "holds no usable key",
        TestName = "Jwks_OnlyASymmetricKey_IsLoggedAndIgnored")]
    [TestCase(null, 500, "it answered 500", TestName = "Jwks_ServerError_IsLoggedAndIgnored")]
    [TestCase("OVERSIZED", 200, "Could not fetch signing keys", TestName = "Jwks_LargerThan64KB_IsLoggedAndIgnored")]
    public async Task BrokenJwks_IsLoggedAndIgnored_TheCachedKeysKeepWorking(string? body, int status, string logged)
    {
        using var key = TestKey.Ed25519("ed-cached");
        using var unknown = TestKey.Ed25519("ed-unknown");
        await using var server = await JwksServer.StartAsync(key);
        using var api = ApiFor(server);
        Assert.That(await StatusAsync(api, key, server), Is.EqualTo(HttpStatusCode.OK));

        server.StatusCode = status;
        if (body is not null)
        {
            server.Serve(body == "OVERSIZED" ? $$"""{"keys":[],"padding":"{{new string('x', 70 * 1024)}}"}""" : body);
        }

        api.Clock.Advance(PastTheFloor);
        Assert.That(await StatusAsync(api, unknown, server), Is.EqualTo(HttpStatusCode.Unauthorized), "an unknown kid makes it refetch");
        Assert.That(server.Requests, Is.EqualTo(2));
        Assert.That(await StatusAsync(api, key, server), Is.EqualTo(HttpStatusCode.OK), "the last good keys stay in use");
        Assert.That(api.Logs.Entries, Has.Some.Contains(logged));
    }

    [Test]
    public async Task UnusableKeys_AreSkippedAndLogged_TheUsableOnesWork()
    {
        using var good = TestKey.Ed25519("good");
        using var duplicate = TestKey.Ed25519("good");
        using var weakRsa = TestKey.Rsa("RS256", "rsa-1024", bits: 1024);
        using var encryptionRsa = TestKey.Rsa("RS256", "rsa-enc");
        using var rs384 = TestKey.Rsa("RS256", "rsa-384");
        using var p256 = TestKey.EcP256("p256-off-curve");
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var e1 = RSA.Create(2048);
        var offCurve = p256.Jwk();
        var y = System.Buffers.Text.Base64Url.DecodeFromChars((string)offCurve["y"]);
        y[^1] ^= 1;
        offCurve["y"] = Tokens.Encode(y);
        var p384Point = p384.ExportParameters(false).Q;
        var jwks = new object?[]
        {
            good.Jwk(),
            duplicate.Jwk(),
            Without(TestKey.Ed25519("unnamed").Jwk(), "kid"),
            weakRsa.Jwk(),
            With(encryptionRsa.Jwk(), "use", "enc"),
            With(rs384.Jwk(), "alg", "RS384"),
            With(good.Jwk(), "kid", "ops-encrypt", "key_ops", new[] { "encrypt" }),
            With(good.Jwk(), "kid", "alg-mismatch", "alg", "ES256"),
            offCurve,
            new Dictionary<string, object> { ["kty"] = "EC", ["crv"] = "P-256", ["kid"] = "p256-short", ["x"] = Tokens.Encode(new byte[31]), ["y"] = Tokens.Encode(new byte[32]) },
            new Dictionary<string, object> { ["kty"] = "EC", ["crv"] = "P-384", ["kid"] = "p384", ["x"] = Tokens.Encode(p384Point.X!), ["y"] = Tokens.Encode(p384Point.Y!) },
            new Dictionary<string, object> { ["kty"] = "OKP", ["crv"] = "Ed448", ["kid"] = "ed448", ["x"] = Tokens.Encode(new byte[57]) },
            new Dictionary<string, object> { ["kty"] = "oct", ["kid"] = "oct-1", ["k"] = Tokens.Encode("a-symmetric-key-nobody-should-publish"u8.ToArray()) },
            new Dictionary<string, object> { ["kty"] = "RSA", ["kid"] = "rsa-e1", ["n"] = Tokens.Encode(e1.ExportParameters(false).Modulus!), ["e"] = "AQ" },
            new Dictionary<string, object> { ["kty"] = "OKP", ["crv"] = "Ed25519", ["kid"] = "bad-base64", ["x"] = "not base64url!" },
            42,
            null,
        };
        await using var server = await JwksServer.StartAsync();
        server.Serve(JsonSerializer.Serialize(new { keys = jwks }));
        using var api = ApiFor(server);

        Assert.That(await StatusAsync(api, good, server), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await StatusAsync(api, duplicate, server), Is.EqualTo(HttpStatusCode.Unauthorized), "the first key of a kid wins");
        Assert.That(await StatusAsync(api, weakRsa, server), Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await StatusAsync(api, encryptionRsa, server), Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await StatusAsync(api, rs384, server), Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await StatusAsync(api, p256, server), Is.EqualTo(HttpStatusCode.Unauthorized));
        var user = Api.NewUserId();
        using (var oct = api.ClientWithToken(Hmac("a-symmetric-key-nobody-should-publish"u8.ToArray(), Claims(server.Url, user), h => h["kid"] = "oct-1")))
        {
            Assert.That((await oct.GetAsync(Api.TasksPath(user))).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }

        var skipped = api.Logs.Entries.Where(l => l.Contains("Skipped a key", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            foreach (var reason in new[]
            {
                "'good': another key has the same kid", "no kid", "'rsa-1024': its RSA modulus has about 1024 bits", "'rsa-enc': its use is 'enc'",
                "'rsa-384': its alg 'RS384' is not accepted", "'ops-encrypt': its key_ops do not include 'verify'",
                "'alg-mismatch': its alg 'ES256' does not fit its kty 'OKP'", "'p256-off-curve'", "'p256-short': 'x' is 31 bytes long",
                "'p384': kty 'EC' with crv 'P-384' is not an accepted", "'ed448': kty 'OKP' with crv 'Ed448'", "'oct-1': kty 'oct'",
                "'rsa-e1': its RSA exponent is not usable", "'bad-base64': 'x' is not base64url", "#15: not a JSON object", "#16: not a JSON object",
            })
            {
                Assert.That(skipped, Has.Some.Contains(reason));
            }
        });
        Assert.That(skipped, Has.Count.EqualTo(16));
    }

    [Test]
    public async Task SlowEndpoint_TimesOut_AndTheRequestGets401()
    {
        using var key = TestKey.EcP521("p521-slow");
        await using var server = await JwksServer.StartAsync(key);
        server.Delay = TimeSpan.FromSeconds(30);
        // The production timeout is 5 s; the test shortens it through the same named client.
        using var api = ApiFor(server, services => services.AddHttpClient(JwksKeySource.HttpClientName)
            .ConfigureHttpClient(client => client.Timeout = TimeSpan.FromSeconds(1)));

        var clock = Stopwatch.StartNew();
        var status = await StatusAsync(api, key, server);

        Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
        Assert.That(api.Logs.Entries, Has.Some.Contains("it did not answer in time"));
    }

    private static TaskManagerApiFactory ApiFor(JwksServer server, Action<IServiceCollection>? services = null) =>
        new(new Dictionary<string, string?> { ["BETTER_AUTH_URL"] = server.Url }, services: services);

    private static async Task<HttpStatusCode> StatusAsync(TaskManagerApiFactory api, TestKey key, JwksServer server)
    {
        var user = Api.NewUserId();
        return await StatusAsync(api, _ => Issue(key, server.Url, user), user);
    }

    private static async Task<HttpStatusCode> StatusAsync(TaskManagerApiFactory api, Func<string, string> token, string? user = null)
    {
        user ??= Api.NewUserId();
        using var client = api.ClientWithToken(token(user));
        using var response = await client.GetAsync(Api.TasksPath(user));
        return response.StatusCode;
    }

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }

    private static Dictionary<string, object> With(Dictionary<string, object> jwk, params object[] pairs)
    {
        for (var i = 0; i < pairs.Length; i += 2)
        {
            jwk[(string)pairs[i]] = pairs[i + 1];
        }

        return jwk;
    }

    private static Dictionary<string, object> Without(Dictionary<string, object> jwk, string member)
    {
        jwk.Remove(member);
        return jwk;
    }
}
