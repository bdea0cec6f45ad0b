using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace TaskManager.IntegrationTests.Infrastructure;

/// <summary>One server-sent event as it came over the wire.</summary>
public sealed record ServerSentEvent(string? Id, string? Type, string Data)
{
    public JsonElement Json => JsonSerializer.Deserialize<JsonElement>(Data);
}

/// <summary>
/// A client's open /tasks/events stream, read line by line as the wire carries it (comments included), independently
/// of the server's formatter.
/// </summary>
public sealed class EventStreamClient : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private EventStreamClient(HttpResponseMessage response, Stream body)
    {
        _response = response;
        _reader = new StreamReader(body, Encoding.UTF8);
    }

    public List<string> Comments { get; } = [];

    public HttpResponseMessage Response => _response;

    public static string EventsPath(string userId) => $"/api/{userId}/tasks/events";

    /// <summary>Opens the stream; the response must be a 200 event stream.</summary>
    public static async Task<EventStreamClient> OpenAsync(HttpClient client, string userId, string? lastEventId = null, string? since = null)
    {
        var response = await SendAsync(client, userId, lastEventId, since);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await ErrorBodyAsync(response));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/event-stream"));
        return new EventStreamClient(response, await response.Content.ReadAsStreamAsync());
    }

    /// <summary>The response to an attempt to open the stream, whatever it is (its body unread).</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, string userId, string? lastEventId = null, string? since = null)
    {
        var path = EventsPath(userId) + (since is null ? string.Empty : $"?since={Uri.EscapeDataString(since)}");
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    /// <summary>The next event, or null when the server ended the stream; fails after <paramref name="timeout"/>.</summary>
    public async Task<ServerSentEvent?> NextAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout > TimeSpan.Zero ? timeout : TimeSpan.Zero);
        string? id = null, type = null;
        var data = new List<string>();
        while (true)
        {
            string? line;
            try
            {
                line = await _reader.ReadLineAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no event within {timeout}");
            }
            catch (IOException)
            {
                return null;
            }

            if (line is null)
            {
                return null;
            }

            if (line.Length == 0)
            {
                if (data.Count > 0)
                {
                    return new ServerSentEvent(id, type, string.Join('\n', data));
                }

                continue;
            }

            if (line[0] == ':')
            {
                Comments.Add(line);
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? string.Empty : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "id":
                    id = value;
                    break;
                case "event":
                    type = value;
                    break;
                case "data":
                    data.Add(value);
                    break;
            }
        }
    }

    /// <summary>Reads until the server ends the stream; fails if it has not within <paramref name="timeout"/>.</summary>
    public async Task<List<ServerSentEvent>> ReadToEndAsync(TimeSpan timeout)
    {
        var events = new List<ServerSentEvent>();
        var deadline = DateTime.UtcNow + timeout;
        while (await NextAsync(deadline - DateTime.UtcNow) is { } next)
        {
            events.Add(next);
        }

        return events;
    }

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        await Task.CompletedTask;
    }

    private static async Task<string> ErrorBodyAsync(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.OK ? string.Empty : await response.Content.ReadAsStringAsync();
}
