using System.Net;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TaskManager.IntegrationTests.Infrastructure;
using static TaskManager.IntegrationTests.Infrastructure.BetterAuthTokens;

namespace TaskManager.IntegrationTests.Auth;

/// <summary>
/// The attack suite (RFC 8725). The API trusts both the shared secret and a Better Auth JWKS served over loopback with
/// real keys of every accepted kind; each case is a token an attacker could send. HS256 must be checked against the
/// secret only and every other alg against the JWKS key its kid names only, never the other way round.
/// </summary>
public sealed class BetterAuthJwksAttackTests
{
    private JwksKeys _keys = null!;
    private JwksServer _server = null!;
    private TaskManagerApiFactory _factory = null!;

    /// <summary>What a case needs to build its token: the keys, Better Auth's issuer, and the user the token speaks for.</summary>
    public sealed record Kit(JwksKeys Keys, string Issuer, string User);

    [OneTimeSetUp]
    public async Task Start()
    {
        _keys = new JwksKeys();
        _server = await JwksServer.StartAsync(_keys.Published);
        // The shared secret stays configured (the factory's default): both ways of trusting a token are on.
        // Logs are captured at every level of every category, so that "never logged" covers the libraries' debug output too.
        _factory = new TaskManagerApiFactory(
            new Dictionary<string, string?> { ["BETTER_AUTH_URL"] = _server.Url },
            services: services => services.AddLogging(logging => logging.AddFilter<LogCapture>(null, LogLevel.Trace)));
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _factory.Dispose();
        await _server.DisposeAsync();
        _keys.Dispose();
    }

    public static IEnumerable<TestCaseData> AcceptedTokens()
    {
        foreach (var alg in new[] { "EdDSA", "ES256", "ES512", "RS256", "PS256" })
        {
            yield return Case($"Token_SignedWith{alg}ByAPublishedKey_IsAccepted", k => Issue(k.Keys.For(alg), k.Issuer, k.User));
        }

        yield return Case("Token_SignedWithTheSharedSecret_IsStillAcceptedBesideTheJwks", k => Tokens.Valid(k.User));
        yield return Case("Token_WithAnAudienceArrayHoldingTheIssuer_IsAccepted",
            k => Issue(k.Keys.Ed25519, k.Issuer, k.User, c => c["aud"] = new[] { "https://other.example.test", k.Issuer }));
        yield return Case("Token_ExpiredWithinTheClockSkew_IsAccepted", k => Issue(k.Keys.P256, k.Issuer, k.User, c => c["exp"] = Now - 10));
        yield return Case("Token_WithTypHeader_IsAccepted",
            k => Sign(k.Keys.Rs256, Claims(k.Issuer, k.User), header: h => h["typ"] = "JWT"));
    }

    public static IEnumerable<TestCaseData> RejectedTokens()
    {
        // Algorithms outside the allow-list.
        yield return Case("AlgNone_IsRejected",
            k => Assemble(new Dictionary<string, object?> { ["alg"] = "none", ["kid"] = k.Keys.Ed25519.Kid }, Claims(k.Issuer, k.User), _ => []));
        yield return Case("AlgNameInAnotherCase_IsRejected", k => Sign(k.Keys.Ed25519, Claims(k.Issuer, k.User), alg: "eddsa"));
        yield return Case("RS512_IsRejected", k => Sign(k.Keys.Rs256, Claims(k.Issuer, k.User), alg: "RS512"));
        yield return Case("ES384_IsRejected", k => Sign(k.Keys.P256, Claims(k.Issuer, k.User), alg: "ES384"));
        yield return Case("EncryptedToken_IsRejected", k => "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA");

        // Algorithm confusion: HS256 computed over what is public, and JWKS algs never checked against the secret.
        yield return Case("HS256ComputedOverTheRsaPublicKeyPem_IsRejected",
            k => Hmac(TestKey.PublicKeyBytes(k.Keys.Rs256), Claims(k.Issuer, k.User), h => h["kid"] = k.Keys.Rs256.Kid));
        yield return Case("HS256ComputedOverTheRawEd25519PublicKey_IsRejected",
            k => Hmac(TestKey.PublicKeyBytes(k.Keys.Ed25519), Claims(k.Issuer, k.User), h => h["kid"] = k.Keys.Ed25519.Kid));
        yield return Case("HS256ComputedOverThePublishedJwk_IsRejected",
            k => Hmac(TestKey.PublicKeyBytes(k.Keys.P256), Claims(k.Issuer, k.User), h => h["kid"] = k.Keys.P256.Kid));
        yield return Case("EdDSAHeaderWithAnHmacOfTheSharedSecret_IsRejected",
            k => Assemble(new Dictionary<string, object?> { ["alg"] = "EdDSA", ["kid"] = k.Keys.Ed25519.Kid }, Claims(k.Issuer, k.User),
                input => HMACSHA256.HashData(Encoding.UTF8.GetBytes(TaskManagerApiFactory.Secret), input)));

        // An alg the named key is not meant for.
        yield return Case("ES256NamingTheEd25519Key_IsRejected",
            k => Sign(k.Keys.P256, Claims(k.Issuer, k.User), header: h => h["kid"] = k.Keys.Ed25519.Kid));
        yield return Case("RS256NamingTheP256Key_IsRejected",
            k => Sign(k.Keys.Rs256, Claims(k.Issuer, k.User), header: h => h["kid"] = k.Keys.P256.Kid));
        yield return Case("EdDSANamingAnRsaKey_IsRejected",
            k => Sign(k.Keys.Ed25519, Claims(k.Issuer, k.User), header: h => h["kid"] = k.Keys.Rs256.Kid));
        // A P-256 signature over a SHA-512 digest verifies mathematically: only the curve check stops it.
        yield return Case("ES512SignedByTheP256Key_IsRejected", k => Sign(k.Keys.P256, Claims(k.Issuer, k.User), alg: "ES512"));
        // Valid PSS signatures by the real key: only the JWK's pinned alg stops them.
        yield return Case("PS256ByTheKeyPublishedForRS256_IsRejected", k => Sign(k.Keys.Rs256, Claims(k.Issuer, k.User), alg: "PS256"));
        yield return Case("RS256ByTheKeyPublishedForPS256_IsRejected", k => Sign(k.Keys.Ps256, Claims(k.Issuer, k.User), alg: "RS256"));

        // kid: must name a published key, and the signature must be that key's.
        yield return Case("KidNamingNoPublishedKey_IsRejected", k => Issue(k.Keys.Attacker, k.Issuer, k.User));
        yield return Case("NoKid_IsRejected", k => Sign(k.Keys.Ed25519, Claims(k.Issuer, k.User), header: h => h.Remove("kid")));
        yield return Case("EmptyKid_IsRejected", k => Sign(k.Keys.Ed25519, Claims(k.Issuer, k.User), header: h => h["kid"] = ""));
        yield return Case("PublishedKidSignedByAnotherKey_IsRejected",
            k => Sign(k.Keys.Attacker, Claims(k.Issuer, k.User), header: h => h["kid"] = k.Keys.Ed25519.Kid));
        yield return Case("KeyEmbeddedInTheHeader_IsIgnoredAndRejected",
            k => Sign(k.Keys.Attacker, Claims(k.Issuer, k.User), header: h => h["jwk"] = k.Keys.Attacker.Jwk()));
        yield return Case("KeyUrlInTheHeader_IsIgnoredAndRejected",
            k => Sign(k.Keys.Attacker, Claims(k.Issuer, k.User), header: h => h["jku"] = "http://127.0.0.1:9/evil-jwks"));

        // Critical header parameters this service does not understand.
        yield return Case("UnknownCritHeader_IsRejected", k => Sign(k.Keys.Ed25519, Claims(k.Issuer, k.User), header: h =>
        {
            h["crit"] = new[] { "urn:example:policy" };
            h["urn:example:policy"] = "strict";
        }));
        yield return Case("CritB64False_IsRejected", k => Sign(k.Keys.Ed25519, Claims(k.Issuer, k.User), header: h =>
        {
            h["crit"] = new[] { "b64" };
            h["b64"] = false;
        }));

        // Size and subject limits.
        yield return Case("TokenOver8KB_IsRejected", k => Issue(k.Keys.Ed25519, k.Issuer, k.User, c => c["pad"] = new string('x', 8 * 1024)));
        yield return Case("SharedSecretTokenOver8KB_IsRejected", k => Tokens.Sign(new Dictionary<string, object>
        {
            ["sub"] = k.User, ["exp"] = Now + 600, ["pad"] = new string('x', 8 * 1024),
        }));
        yield return Case("SubjectOver128Characters_IsRejected", k => Issue(k.Keys.Ed25519, k.Issuer, k.User), user: new string('u', 129));
        yield return Case("NoSubject_IsRejected", k => Issue(k.Keys.Ed25519, k.Issuer, k.User, c => c.Remove("sub")));
        yield return Case("EmptySubject_IsRejected", k => Issue(k.Keys.Ed25519, k.Issuer, k.User, c => c["sub"] = ""));

        // Claims.
        yield return Case("WrongIssuer_IsRejected", k => Issue(k.Keys.Ed25519, k.Issuer, k.User, c => c["iss"] = "https://evil.example.test"));
        yield return Case("WrongAudience_IsRejected", k => Issue(k.Keys.P521, k.Issuer, k.User, c => c["aud"] = "https://other-app.example.test"));
        yield return Case("NoIssuer_IsRejected", k => Issue(k.Keys.Ed25519, k.Issuer, k.User, c => c.Remove("iss")));
        yield return Case("NoAudience_IsRejected", k => Issue(k.Keys.Ed25519, k.Issuer, k.User, c => c.Remove("aud")));
        yield return Case("Expired_IsRejected", k => Issue(k.Keys.Ps256, k.Issuer, k.User, c => c["exp"] = Now - 120));
        yield return Case("NotYetValid_IsRejected", k => Issue(k.Keys.Ed25519, k.Issuer, k.User, c => c["nbf"] = Now + 300));
        yield return Case("NoExpiry_IsRejected", k => Issue(k.Keys.Ed25519, k.Issuer, k.User, c => c.Remove("exp")));

        // Signatures.
        yield return Case("TamperedPayload_IsRejected", k =>
        {
            var genuine = Issue(k.Keys.Ed25519, k.Issuer, "someone-else");
            var forged = Issue(k.Keys.Attacker, k.Issuer, k.User);
            var parts = genuine.Split('.');
            return $"{parts[0]}.{forged.Split('.')[1]}.{parts[2]}";
        });
        yield return Case("Ed25519SignatureWithSPlusL_IsRejected", k =>
        {
            var token = Issue(k.Keys.Ed25519, k.Issuer, k.User);
            return WithSignature(token, Malleate(SignatureOf(token)));
        });
        yield return Case("TruncatedEd25519Signature_IsRejected", k =>
        {
            var token = Issue(k.Keys.Ed25519, k.Issuer, k.User);
            return WithSignature(token, SignatureOf(token)[..63]);
        });
        yield return Case("ES256SignatureInDerInsteadOfRawRS_IsRejected", k =>
            Assemble(new Dictionary<string, object?> { ["alg"] = "ES256", ["kid"] = k.Keys.P256.Kid }, Claims(k.Issuer, k.User),
                input => TestKey.DerSignature(k.Keys.P256, input)));
    }

    [TestCaseSource(nameof(AcceptedTokens))]
    public async Task Token_IsAccepted(Func<Kit, string> token, string? user)
    {
        var kit = new Kit(_keys, _server.Url, user ?? Api.NewUserId());
        using var client = _factory.ClientWithToken(token(kit));

        using var response = await client.GetAsync(Api.TasksPath(kit.User));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    [TestCaseSource(nameof(RejectedTokens))]
    public async Task Token_Returns401InvalidToken(Func<Kit, string> token, string? user)
    {
        var kit = new Kit(_keys, _server.Url, user ?? Api.NewUserId());
        var sent = token(kit);
        using var client = _factory.ClientWithToken(sent);

        // The path names the token's own subject: were the token accepted, this would be a 200.
        using var response = await client.GetAsync(Api.TasksPath(kit.User));

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Multiple(() =>
        {
            Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.StartWith("Bearer error=\"invalid_token\""));
            foreach (var segment in sent.Split('.').Where(s => s.Length >= 8))
            {
                Assert.That(problem.ToString(), Does.Not.Contain(segment));
            }
        });
    }

    [Test]
    public async Task Token_At128CharacterSubject_IsAccepted_At129_IsRejected()
    {
        foreach (var (length, expected) in new[] { (128, HttpStatusCode.OK), (129, HttpStatusCode.Unauthorized) })
        {
            var user = new string('a', length);
            using var client = _factory.ClientWithToken(Issue(_keys.Ed25519, _server.Url, user));

            using var response = await client.GetAsync(Api.TasksPath(user));

            Assert.That(response.StatusCode, Is.EqualTo(expected), $"subject of {length} characters");
        }
    }

    [Test]
    public async Task Token_JustUnder8KB_IsAccepted_JustOver_IsRejected()
    {
        var user = Api.NewUserId();
        var empty = Issue(_keys.Ed25519, _server.Url, user, c => c["pad"] = "").Length;
        foreach (var (target, expected) in new[] { (8 * 1024 - 8, HttpStatusCode.OK), (8 * 1024 + 8, HttpStatusCode.Unauthorized) })
        {
            // Base64url turns 3 payload bytes into 4 characters.
            var token = Issue(_keys.Ed25519, _server.Url, user, c => c["pad"] = new string('x', (target - empty) * 3 / 4));
            Assert.That(token.Length, Is.InRange(target - 8, target + 8));
            using var client = _factory.ClientWithToken(token);

            using var response = await client.GetAsync(Api.TasksPath(user));

            Assert.That(response.StatusCode, Is.EqualTo(expected), $"a token of {token.Length} characters");
        }
    }

    [Test]
    public async Task Token_FromBetterAuth_OwnsTheTasksItCreates()
    {
        var user = Api.NewUserId();
        using var client = _factory.ClientWithToken(Issue(_keys.Ed25519, _server.Url, user));

        var created = await client.CreateTaskAsync(user);

        Assert.That(created.GetProperty("user_id").GetString(), Is.EqualTo(user));
    }

    [Test]
    public async Task Rejection_SaysWhyWithoutEchoingTheToken()
    {
        var user = Api.NewUserId();
        var cases = new (string Token, string Detail)[]
        {
            (Issue(_keys.Attacker, _server.Url, user), "signing key (kid) is not one that Better Auth publishes"),
            (Sign(_keys.P256, Claims(_server.Url, user), header: h => h["kid"] = _keys.Ed25519.Kid), "does not fit its key"),
            (Sign(_keys.Ed25519, Claims(_server.Url, user), header: h => h.Remove("kid")), "names no signing key (kid)"),
            (Issue(_keys.Ed25519, _server.Url, user, c => c["pad"] = new string('x', 9000)), "larger than 8 KB"),
            (Sign(_keys.Ed25519, Claims(_server.Url, user), header: h => h["crit"] = new[] { "x" }), "critical"),
            (Issue(_keys.Ed25519, _server.Url, user, c => c["iss"] = "https://evil.example.test"), "issuer is not accepted"),
            (Sign(_keys.Rs256, Claims(_server.Url, user), alg: "RS384"), "signing algorithm is not accepted"),
        };
        foreach (var (token, detail) in cases)
        {
            using var client = _factory.ClientWithToken(token);
            using var response = await client.GetAsync(Api.TasksPath(user));

            var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
            Assert.Multiple(() =>
            {
                Assert.That(problem.GetProperty("detail").GetString(), Does.Contain(detail));
                Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.Contain(detail));
            });
        }
    }

    [Test]
    public async Task Tokens_AreNeverLogged()
    {
        var user = Api.NewUserId();
        var tokens = new[]
        {
            Issue(_keys.Ed25519, _server.Url, user),
            Issue(_keys.Attacker, _server.Url, user),
            Issue(_keys.Rs256, _server.Url, user, c => c["exp"] = Now - 600),
            Hmac(TestKey.PublicKeyBytes(_keys.Rs256), Claims(_server.Url, user), h => h["kid"] = _keys.Rs256.Kid),
        };
        foreach (var token in tokens)
        {
            using var client = _factory.ClientWithToken(token);
            using var response = await client.GetAsync(Api.TasksPath(user));
        }

        var logs = string.Join('\n', _factory.Logs.Entries);
        Assert.That(logs, Is.Not.Empty);
        foreach (var token in tokens)
        {
            Assert.That(logs, Does.Not.Contain(token.Split('.')[1]).And.Not.Contain(token.Split('.')[2]));
        }
    }

    private static TestCaseData Case(string name, Func<Kit, string> token, string? user = null) =>
        new TestCaseData(token, user).SetName(name);

    /// <summary>Adds the group order L to S: the same point equation holds, so only a strict verifier refuses it.</summary>
    private static byte[] Malleate(byte[] signature)
    {
        var order = BigInteger.Pow(2, 252) + BigInteger.Parse("27742317777372353535851937790883648493", System.Globalization.CultureInfo.InvariantCulture);
        var s = new BigInteger(signature.AsSpan(32), isUnsigned: true, isBigEndian: false) + order;
        var bytes = new byte[64];
        signature.AsSpan(0, 32).CopyTo(bytes);
        Assert.That(s.TryWriteBytes(bytes.AsSpan(32), out _, isUnsigned: true, isBigEndian: false), Is.True, "S + L fits in 32 bytes");
        return bytes;
    }
}
