using System.Security.Cryptography;
using NSec.Cryptography;

namespace TaskManager.IntegrationTests.Infrastructure;

/// <summary>
/// A key pair of a kind Better Auth's JWT plugin generates, made fresh in the test, with its public JWK exactly as
/// Better Auth's <c>/api/auth/jwks</c> publishes it (<c>alg</c>, <c>crv</c>, the key members, <c>kid</c>).
/// </summary>
public abstract class TestKey : IDisposable
{
    protected TestKey(string algorithm, string kid)
    {
        Algorithm = algorithm;
        Kid = kid;
    }

    /// <summary>The alg this key is published for and signs with by default.</summary>
    public string Algorithm { get; }

    public string Kid { get; }

    public static TestKey Ed25519(string kid) => new Ed25519Key(kid);

    public static TestKey EcP256(string kid) => new EcKey("ES256", kid, ECCurve.NamedCurves.nistP256, "P-256");

    public static TestKey EcP521(string kid) => new EcKey("ES512", kid, ECCurve.NamedCurves.nistP521, "P-521");

    /// <summary>An RSA 2048 key published for <paramref name="algorithm"/> (RS256 or PS256).</summary>
    public static TestKey Rsa(string algorithm, string kid, int bits = 2048) => new RsaKey(algorithm, kid, bits);

    /// <summary>The public JWK; <paramref name="withAlg"/> false leaves <c>alg</c> out, as generic JWKS servers may.</summary>
    public Dictionary<string, object> Jwk(bool withAlg = true)
    {
        var jwk = new Dictionary<string, object>();
        if (withAlg)
        {
            jwk["alg"] = Algorithm;
        }

        foreach (var (name, value) in PublicMembers())
        {
            jwk[name] = value;
        }

        jwk["kid"] = Kid;
        return jwk;
    }

    /// <summary>A signature over <paramref name="input"/> with this key, computed as <paramref name="algorithm"/> prescribes.</summary>
    public abstract byte[] Sign(byte[] input, string algorithm);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected abstract IEnumerable<(string Name, object Value)> PublicMembers();

    protected abstract void Dispose(bool disposing);

    private sealed class Ed25519Key(string kid) : TestKey("EdDSA", kid)
    {
        private readonly Key _key = Key.Create(SignatureAlgorithm.Ed25519);

        /// <summary>The raw 32-byte public key: what a careless server might use as an HMAC secret.</summary>
        public byte[] PublicKey => _key.PublicKey.Export(KeyBlobFormat.RawPublicKey);

        public override byte[] Sign(byte[] input, string algorithm) => SignatureAlgorithm.Ed25519.Sign(_key, input);

        protected override IEnumerable<(string, object)> PublicMembers() =>
            [("crv", "Ed25519"), ("kty", "OKP"), ("x", Tokens.Encode(PublicKey))];

        protected override void Dispose(bool disposing) => _key.Dispose();
    }

    private sealed class EcKey(string algorithm, string kid, ECCurve curve, string curveName) : TestKey(algorithm, kid)
    {
        private readonly ECDsa _ecdsa = ECDsa.Create(curve);

        // JWS wants R || S (IEEE P1363), which is also .NET's default.
        public override byte[] Sign(byte[] input, string algorithm) =>
            _ecdsa.SignData(input, algorithm == "ES512" ? HashAlgorithmName.SHA512 : HashAlgorithmName.SHA256);

        public byte[] SignDer(byte[] input) =>
            _ecdsa.SignData(input, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

        protected override IEnumerable<(string, object)> PublicMembers()
        {
            var q = _ecdsa.ExportParameters(false).Q;
            return [("crv", curveName), ("kty", "EC"), ("x", Tokens.Encode(q.X!)), ("y", Tokens.Encode(q.Y!))];
        }

        protected override void Dispose(bool disposing) => _ecdsa.Dispose();
    }

    private sealed class RsaKey(string algorithm, string kid, int bits) : TestKey(algorithm, kid)
    {
        private readonly RSA _rsa = RSA.Create(bits);

        /// <summary>The public key as PEM: the classic "HS256 over the public key" secret.</summary>
        public string PublicKeyPem => _rsa.ExportSubjectPublicKeyInfoPem();

        public override byte[] Sign(byte[] input, string algorithm) =>
            _rsa.SignData(input, HashAlgorithmName.SHA256, algorithm == "PS256" ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1);

        protected override IEnumerable<(string, object)> PublicMembers()
        {
            var p = _rsa.ExportParameters(false);
            return [("kty", "RSA"), ("n", Tokens.Encode(p.Modulus!)), ("e", Tokens.Encode(p.Exponent!))];
        }

        protected override void Dispose(bool disposing) => _rsa.Dispose();
    }

    /// <summary>What an attacker could know about a published key and try as an HMAC secret.</summary>
    public static byte[] PublicKeyBytes(TestKey key) => key switch
    {
        Ed25519Key ed => ed.PublicKey,
        RsaKey rsa => System.Text.Encoding.ASCII.GetBytes(rsa.PublicKeyPem),
        _ => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(key.Jwk()),
    };

    /// <summary>An ES256 signature in DER, the format JWS forbids (RFC 7518 §3.4).</summary>
    public static byte[] DerSignature(TestKey key, byte[] input) =>
        key is EcKey ec ? ec.SignDer(input) : throw new ArgumentException("Only EC keys sign DER.", nameof(key));
}
