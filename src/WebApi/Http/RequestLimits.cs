namespace TaskManager.WebApi.Http;

/// <summary>
/// Caps request bodies at <see cref="MaxBytes"/> (413) and query strings at <see cref="MaxQueryLength"/> (414).
/// Runs after authorization, so that 401 and 403 come first, and works the same on Kestrel and on the in-process
/// test server, which has no body limit of its own.
/// </summary>
internal static class RequestLimits
{
    public const long MaxBytes = 64 * 1024;
    public const int MaxQueryLength = 4096;

    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var request = context.Request;
            if (request.QueryString.Value?.Length > MaxQueryLength)
            {
                throw new BadHttpRequestException(
                    $"The query string is longer than {MaxQueryLength} characters.", StatusCodes.Status414UriTooLong);
            }

            if (request.ContentLength > MaxBytes)
            {
                throw TooLarge();
            }

            if (request.ContentLength is null)
            {
                request.Body = new LimitedStream(request.Body);
            }

            return next(context);
        });

    private static BadHttpRequestException TooLarge() =>
        new($"The request body is larger than {MaxBytes / 1024} KiB.", StatusCodes.Status413PayloadTooLarge);

    /// <summary>Counts a body of unknown length (chunked) as it is read and stops it at the cap.</summary>
    private sealed class LimitedStream(Stream inner) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _read;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int read)
        {
            _read += read;
            return _read > MaxBytes ? throw TooLarge() : read;
        }
    }
}
