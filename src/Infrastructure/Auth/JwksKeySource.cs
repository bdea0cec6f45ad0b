namespace TaskManager.Infrastructure.Auth;

/// <summary>
/// Better Auth's public keys, fetched from its JWKS endpoint when a token first needs them, and cached.
/// <list type="bullet">
/// <item>At most one fetch per <see cref="RefetchFloor"/>, whatever asks for it: tokens naming unknown kids cannot
/// make this service hammer Better Auth, up or down.</item>
/// <item>A known kid is answered from the cache at once; when the keys are older than <see cref="RefreshInterval"/> a
/// refresh runs in the background, so removed keys stop working without any request waiting for it.</item>
/// <item>An unknown kid (Better Auth rotated its keys) waits for one refetch, bounded by the client's timeout.</item>
/// <item>A failed fetch, a response that is not a JWKS, or one with no usable key is logged and changes nothing:
/// the last good keys keep working while the endpoint is down or broken.</item>
/// </list>
/// </summary>
internal sealed partial class JwksKeySource : IDisposable
{
    public const string HttpClientName = "BetterAuthJwks";

    /// <summary>A JWKS of a few keys is a few kilobytes; anything much larger is not one.</summary>
    public const int MaxResponseBytes = 64 * 1024;

    public static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan RefetchFloor = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(10);

    private readonly IHttpClientFactory _http;
    private readonly TimeProvider _clock;
    private readonly ILogger<JwksKeySource> _logger;
    private readonly SemaphoreSlim _fetching = new(1, 1);

    // Replaced whole, only while holding _fetching; read without a lock.
    private volatile State _state = new(new Dictionary<string, JwksKey>(), LastAttempt: null, LastSuccess: null);

    public JwksKeySource(IHttpClientFactory http, TimeProvider clock, IOptions<AuthOptions> options, ILogger<JwksKeySource> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _clock = clock;
        _logger = logger;
        Endpoint = options.Value.JwksEndpoint();
    }

    /// <summary>Where the keys come from; null when no Better Auth URL is configured.</summary>
    public Uri? Endpoint { get; }

    /// <summary>The key the JWKS publishes under <paramref name="kid"/>, or null when it publishes none (or cannot be reached).</summary>
    public async Task<JwksKey?> FindAsync(string kid)
    {
        var state = _state;
        if (state.Keys.TryGetValue(kid, out var key))
        {
            if (IsStale(state) && MayFetch(state))
            {
                // A refresh already under way makes this one a no-op once it gets the lock.
                _ = Task.Run(RefetchAsync);
            }

            return key;
        }

        // A fetch under way (its attempt time is already set, so MayFetch says no) may bring this kid: wait for it too.
        if (MayFetch(state) || IsFetching)
        {
            await RefetchAsync();
        }

        return _state.Keys.GetValueOrDefault(kid);
    }

    public void Dispose() => _fetching.Dispose();

    private bool IsFetching => _fetching.CurrentCount == 0;

    private bool MayFetch(State state) => state.LastAttempt is not { } last || _clock.GetUtcNow() - last >= RefetchFloor;

    private bool IsStale(State state) => state.LastSuccess is not { } last || _clock.GetUtcNow() - last >= RefreshInterval;

    private async Task RefetchAsync()
    {
        await _fetching.WaitAsync();
        try
        {
            // Callers that queued behind a fetch use its result instead of fetching again.
            if (MayFetch(_state))
            {
                await FetchAsync();
            }
        }
        finally
        {
            _fetching.Release();
        }
    }

    // Never throws: whatever the endpoint does, the outcome is "new keys" or "the same keys as before".
    private async Task FetchAsync()
    {
        var attempt = _clock.GetUtcNow();
        _state = _state with { LastAttempt = attempt };
        if (Endpoint is null)
        {
            return;
        }

        try
        {
            using var client = _http.CreateClient(HttpClientName);
            using var response = await client.GetAsync(Endpoint);
            if (!response.IsSuccessStatusCode)
            {
                LogFetchFailed(_logger, Endpoint, $"it answered {(int)response.StatusCode}");
                return;
            }

            var document = JwksDocument.Read(await response.Content.ReadAsByteArrayAsync());
            foreach (var skipped in document.Skipped)
            {
                LogKeySkipped(_logger, Endpoint, skipped);
            }

            if (document.Error is not null)
            {
                LogResponseIgnored(_logger, Endpoint, document.Error);
                return;
            }

            _state = new State(document.Keys, attempt, attempt);
            LogKeysFetched(_logger, document.Keys.Count, Endpoint, document.Keys.Keys);
        }
#pragma warning disable CA1031 // Down, slow, refusing, oversized or anything else: the cached keys stay and requests get a 401, never a 500.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogFetchFailed(_logger, Endpoint, e is TaskCanceledException ? "it did not answer in time" : e.Message);
        }
    }

    private sealed record State(IReadOnlyDictionary<string, JwksKey> Keys, DateTimeOffset? LastAttempt, DateTimeOffset? LastSuccess);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fetched {Count} signing key(s) from {Endpoint}: {KeyIds}")]
    private static partial void LogKeysFetched(ILogger logger, int count, Uri endpoint, IEnumerable<string> keyIds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not fetch signing keys from {Endpoint} ({Reason}); the cached keys stay in use")]
    private static partial void LogFetchFailed(ILogger logger, Uri endpoint, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored the JWKS from {Endpoint}: {Reason}; the cached keys stay in use")]
    private static partial void LogResponseIgnored(ILogger logger, Uri endpoint, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped a key in the JWKS from {Endpoint}: {Reason}")]
    private static partial void LogKeySkipped(ILogger logger, Uri endpoint, string reason);
}
