using Microsoft.IdentityModel.Tokens;
using NSec.Cryptography;

namespace TaskManager.Infrastructure.Auth;

/// <summary>
/// An Ed25519 public key (JWK <c>kty: OKP</c>, <c>crv: Ed25519</c>), which Microsoft.IdentityModel does not know.
/// Its <see cref="SecurityKey.CryptoProviderFactory"/> carries <see cref="Ed25519CryptoProvider"/>, the library's
/// extension point, so the stock token handler verifies <c>EdDSA</c> signatures with it like any other key.
/// </summary>
public sealed class Ed25519SecurityKey : SecurityKey
{
    /// <param name="publicKey">The 32-byte public key, the JWK's decoded <c>x</c>.</param>
    /// <exception cref="FormatException">The bytes are not an Ed25519 public key.</exception>
    public Ed25519SecurityKey(ReadOnlySpan<byte> publicKey)
    {
        PublicKey = PublicKey.Import(SignatureAlgorithm.Ed25519, publicKey, KeyBlobFormat.RawPublicKey);
        CryptoProviderFactory = Ed25519CryptoProvider.Factory;
    }

    public override int KeySize => 256;

    internal PublicKey PublicKey { get; }

    public override string ToString() => $"{nameof(Ed25519SecurityKey)}, KeyId: '{KeyId}'";
}
