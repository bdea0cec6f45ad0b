namespace TaskManager.IntegrationTests.Infrastructure;

/// <summary>
/// One key of every kind Better Auth can sign with (Ed25519, P-256, P-521, RSA 2048 for RS256 and for PS256), each
/// published under its own kid, plus an attacker's Ed25519 key that is never published.
/// </summary>
public sealed class JwksKeys : IDisposable
{
    public TestKey Ed25519 { get; } = TestKey.Ed25519($"ed25519-{Guid.NewGuid():N}");

    public TestKey P256 { get; } = TestKey.EcP256($"p256-{Guid.NewGuid():N}");

    public TestKey P521 { get; } = TestKey.EcP521($"p521-{Guid.NewGuid():N}");

    public TestKey Rs256 { get; } = TestKey.Rsa("RS256", $"rs256-{Guid.NewGuid():N}");

    public TestKey Ps256 { get; } = TestKey.Rsa("PS256", $"ps256-{Guid.NewGuid():N}");

    public TestKey Attacker { get; } = TestKey.Ed25519($"attacker-{Guid.NewGuid():N}");

    /// <summary>The published keys.</summary>
    public TestKey[] Published => [Ed25519, P256, P521, Rs256, Ps256];

    public TestKey For(string algorithm) => Published.Single(k => k.Algorithm == algorithm);

    public void Dispose()
    {
        foreach (var key in Published.Append(Attacker))
        {
            key.Dispose();
        }
    }
}
