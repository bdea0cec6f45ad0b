using System.Text;
using TaskManager.Infrastructure.Auth;

namespace TaskManager.IntegrationTests.Auth;

/// <summary>
/// The Ed25519 key plugged into Microsoft.IdentityModel, checked against an independent vector (RFC 8037 A.4) and
/// against the signatures a lax verifier would let through.
/// </summary>
public sealed class Ed25519VerificationTests
{
    // RFC 8037, appendix A.2 (public key) and A.4 (the JWS over "Example of Ed25519 signing").
    private const string RfcPublicKey = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
    private const string RfcSigningInput = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc";
    private const string RfcSignature = "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";

    [Test]
    public void Verify_TheRfc8037Example_ThroughTheKeysCryptoProviderFactory_Succeeds()
    {
        Assert.That(Verify(Decode(RfcPublicKey), RfcSigningInput, Decode(RfcSignature)), Is.True);
    }

    [Test]
    public void Verify_TheRfc8037SignatureOverOtherInput_Fails()
    {
        Assert.That(Verify(Decode(RfcPublicKey), RfcSigningInput + "x", Decode(RfcSignature)), Is.False);
    }

    [Test]
    public void Verify_WithSignatureOfWrongLength_Fails()
    {
        Assert.That(Verify(Decode(RfcPublicKey), RfcSigningInput, Decode(RfcSignature)[..63]), Is.False);
    }

    [Test]
    public void Verify_SmallOrderKeyWithIdentitySignature_Fails()
    {
        // With A = R = the identity point and S = 0 the verification equation holds for every message;
        // libsodium refuses small-order keys and R values, a naive verifier would accept.
        var identity = new byte[32];
        identity[0] = 1;
        var signature = new byte[64];
        identity.CopyTo(signature, 0);

        Assert.That(Verify(identity, "any message at all", signature), Is.False);
    }

    [Test]
    public void Key_FromBytesThatAreNotAPublicKey_IsRefused()
    {
        Assert.Throws<FormatException>(() => _ = new Ed25519SecurityKey(new byte[31]));
    }

    [Test]
    public void Key_CannotSign()
    {
        var key = new Ed25519SecurityKey(Decode(RfcPublicKey));

        Assert.That(key.CryptoProviderFactory.IsSupportedAlgorithm("EdDSA", key), Is.True);
        Assert.Throws<NotSupportedException>(() => key.CryptoProviderFactory.CreateForSigning(key, "EdDSA"));
    }

    private static bool Verify(byte[] publicKey, string signingInput, byte[] signature)
    {
        var key = new Ed25519SecurityKey(publicKey);
        var provider = key.CryptoProviderFactory.CreateForVerifying(key, "EdDSA");
        try
        {
            var input = Encoding.ASCII.GetBytes(signingInput);
            var whole = provider.Verify(input, signature);
            // The token handler calls the offset overload; both must agree.
            var ranged = provider.Verify(input, 0, input.Length, signature, 0, signature.Length);
            Assert.That(ranged, Is.EqualTo(whole));
            return whole;
        }
        finally
        {
            key.CryptoProviderFactory.ReleaseSignatureProvider(provider);
        }
    }

    private static byte[] Decode(string base64Url) => System.Buffers.Text.Base64Url.DecodeFromChars(base64Url);
}
