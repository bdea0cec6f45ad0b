using Microsoft.IdentityModel.Tokens;
using NSec.Cryptography;

namespace TaskManager.Infrastructure.Auth;

/// <summary>
/// Plugs EdDSA over Ed25519 into Microsoft.IdentityModel through <see cref="CryptoProviderFactory.CustomCryptoProvider"/>.
/// Verification only: this service never signs with a Better Auth key.
/// </summary>
internal sealed class Ed25519CryptoProvider : ICryptoProvider
{
    /// <summary>A factory of its own, so that the process-wide <see cref="CryptoProviderFactory.Default"/> stays untouched.</summary>
    public static CryptoProviderFactory Factory { get; } = new() { CustomCryptoProvider = new Ed25519CryptoProvider() };

    // Called as (algorithm, key, willCreateSignatures) to create, (algorithm, key) to ask, and (algorithm) to release.
    public bool IsSupportedAlgorithm(string algorithm, params object[] args) =>
        string.Equals(algorithm, SigningAlgorithms.EdDsa, StringComparison.Ordinal)
        && (args.Length == 0 || args[0] is Ed25519SecurityKey)
        && !(args.Length > 1 && args[1] is true);

    public object Create(string algorithm, params object[] args) =>
        IsSupportedAlgorithm(algorithm, args) && args.Length > 0
            ? new Ed25519SignatureProvider((Ed25519SecurityKey)args[0])
            : throw new NotSupportedException($"'{algorithm}' with these arguments is not an Ed25519 verification.");

    public void Release(object cryptoInstance)
    {
        if (cryptoInstance is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }
}

/// <summary>
/// Verifies with libsodium (through NSec), which is strict: it refuses non-canonical signatures (S ≥ L) and
/// small-order or non-canonical public keys, so a signature cannot be altered into another valid one.
/// </summary>
internal sealed class Ed25519SignatureProvider : SignatureProvider
{
    private readonly Ed25519SecurityKey _key;

    public Ed25519SignatureProvider(Ed25519SecurityKey key)
        : base(key, SigningAlgorithms.EdDsa)
    {
        _key = key;
        WillCreateSignatures = false;
    }

    public override byte[] Sign(byte[] input) =>
        throw new NotSupportedException("Ed25519 keys from a JWKS are public: they verify, they never sign.");

    public override bool Verify(byte[] input, byte[] signature)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(signature);
        return SignatureAlgorithm.Ed25519.Verify(_key.PublicKey, input, signature);
    }

    // The JWT handler verifies through this overload, over the token's own buffer.
    public override bool Verify(byte[] input, int inputOffset, int inputLength, byte[] signature, int signatureOffset, int signatureLength)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(signature);
        return SignatureAlgorithm.Ed25519.Verify(
            _key.PublicKey, input.AsSpan(inputOffset, inputLength), signature.AsSpan(signatureOffset, signatureLength));
    }

    protected override void Dispose(bool disposing)
    {
        // Nothing to free: the public key is managed memory.
    }
}
