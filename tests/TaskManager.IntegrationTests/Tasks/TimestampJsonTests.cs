using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using TaskManager.WebApi.Http;

namespace TaskManager.IntegrationTests.Tasks;

/// <summary>
/// The wire's times, written by the API's JSON options: RFC 3339 in UTC with milliseconds, cut (not rounded) like
/// the custom format "fff", and written without a string per timestamp.
/// </summary>
public sealed class TimestampJsonTests
{
    private static readonly JsonConverter<DateTime> Converter = TimestampConverter();

    private static IEnumerable<TestCaseData> Times()
    {
        yield return new TestCaseData(new DateTime(2026, 11, 24, 3, 4, 48, 771, DateTimeKind.Utc), "2026-11-24T03:04:48.771Z");
        yield return new TestCaseData(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(9_999_999), "2026-01-01T00:00:00.999Z");
        yield return new TestCaseData(new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc), "2000-01-01T00:00:00.000Z");
        yield return new TestCaseData(DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc), "0001-01-01T00:00:00.000Z");
        yield return new TestCaseData(DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc), "9999-12-31T23:59:59.999Z");
    }

    [TestCaseSource(nameof(Times))]
    public void Write_AUtcTime_IsRfc3339WithMillisecondsCut(DateTime time, string expected) =>
        Assert.That(Written(time), Is.EqualTo($"\"{expected}\""));

    [Test]
    public void Write_ALocalOrUnspecifiedTime_IsConvertedToUtcAsBefore()
    {
        var local = new DateTime(2026, 6, 1, 12, 30, 15, 123, DateTimeKind.Local).AddTicks(4567);
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);

        Assert.Multiple(() =>
        {
            foreach (var time in new[] { local, unspecified })
            {
                var before = time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
                Assert.That(Written(time), Is.EqualTo($"\"{before}\""), time.Kind.ToString());
            }
        });
    }

    [Test]
    public void Write_AThousandTimestamps_AllocatesNoStrings()
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        using var writer = new Utf8JsonWriter(buffer);
        var time = new DateTime(2026, 11, 24, 3, 4, 48, 771, DateTimeKind.Utc);
        writer.WriteStartArray();
        Converter.Write(writer, time, JsonSerializerOptions.Default);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            Converter.Write(writer, time, JsonSerializerOptions.Default);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // A string per timestamp ("2026-11-24T03:04:48.771Z") is 72 bytes: 72,000 for the thousand.
        Assert.That(allocated, Is.LessThan(1000), "bytes allocated by 1,000 timestamps");
    }

    private static string Written(DateTime time)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Converter.Write(writer, time, JsonSerializerOptions.Default);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static JsonConverter<DateTime> TimestampConverter()
    {
        var options = new JsonSerializerOptions();
        JsonSetup.Apply(options);
        return (JsonConverter<DateTime>)options.GetConverter(typeof(DateTime));
    }
}
