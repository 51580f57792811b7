using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using NodaTime;
using NodaTime.Text;

namespace CoProduction.Persistence;

/// <summary>
/// Exports streams (a programme's, or the whole store) to one portable file and imports such a file
/// into any store. The file is JSON lines: a manifest, one line per event in global order, and a
/// SHA-256 checksum of everything before it.
/// </summary>
/// <remarks>
/// Import verifies the whole archive before writing anything: the checksum, the manifest's counts,
/// every line, contiguous versions from 1. It refuses a damaged or truncated file with
/// <see cref="CorruptArchiveException"/>, and a target that already holds one of the streams with
/// <see cref="ConcurrencyException"/>. Events keep their versions, instants, actors, command ids and
/// payloads; the target assigns its own global positions, in the archive's order.
/// </remarks>
public sealed class EventArchive
{
    /// <summary>The archive format version this code writes and reads.</summary>
    public const int FormatVersion = 1;

    private const string FormatName = "coproduction-archive";
    private const int PageSize = 1000;
    private static readonly InstantPattern InstantText = InstantPattern.ExtendedIso;

    private readonly IClock clock;

    /// <summary>Creates the archiver.</summary>
    /// <param name="clock">The clock that stamps exported archives.</param>
    public EventArchive(IClock clock) => this.clock = clock ?? throw new ArgumentNullException(nameof(clock));

    /// <summary>Writes an archive of some streams, or of every stream, to a destination.</summary>
    /// <param name="source">The store to read.</param>
    /// <param name="destination">Where to write the archive; left open.</param>
    /// <param name="streams">The streams to export (for example a programme's); <see langword="null"/> for every stream. Streams with no events are left out.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>The manifest of the written archive.</returns>
    /// <exception cref="CorruptEventPayloadException">A stored payload is not JSON.</exception>
    public async Task<ArchiveManifest> ExportAsync(
        IEventStoreReader source,
        Stream destination,
        IReadOnlyCollection<StreamId>? streams = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        var events = await ReadAsync(source, streams, cancellationToken).ConfigureAwait(false);
        var counts = new List<ArchivedStream>();
        var index = new Dictionary<StreamId, int>();
        foreach (var e in events)
        {
            if (index.TryGetValue(e.Stream, out var i))
            {
                counts[i] = counts[i] with { Events = counts[i].Events + 1 };
            }
            else
            {
                index.Add(e.Stream, counts.Count);
                counts.Add(new ArchivedStream(e.Stream, 1));
            }
        }

        var createdAt = clock.GetCurrentInstant();
        var body = new ArrayBufferWriter<byte>();
        WriteLine(body, w => WriteManifest(w, createdAt, events.Count, counts));
        foreach (var e in events)
        {
            WriteLine(body, w => WriteEvent(w, e));
        }

        var sha = Convert.ToHexStringLower(SHA256.HashData(body.WrittenSpan));
        WriteLine(body, w =>
        {
            w.WriteStartObject();
            w.WriteString("sha256", sha);
            w.WriteEndObject();
        });

        await destination.WriteAsync(body.WrittenMemory, cancellationToken).ConfigureAwait(false);
        await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
        return new ArchiveManifest(FormatVersion, createdAt, events.Count, counts.ToValueList(), sha);
    }

    /// <summary>Reads and verifies an archive without writing anywhere.</summary>
    /// <param name="source">The archive; read to its end, left open.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The archive's manifest.</returns>
    /// <exception cref="CorruptArchiveException">The archive is truncated, damaged or not an archive.</exception>
    public static async Task<ArchiveManifest> VerifyAsync(Stream source, CancellationToken cancellationToken = default)
        => (await ParseAsync(source, cancellationToken).ConfigureAwait(false)).Manifest;

    /// <summary>Verifies an archive, then appends its streams to an empty part of a store.</summary>
    /// <param name="target">The store to write to; none of the archived streams may exist in it.</param>
    /// <param name="source">The archive; read to its end, left open.</param>
    /// <param name="cancellationToken">Cancels the import; appends already made stay (each is whole).</param>
    /// <returns>The imported archive's manifest.</returns>
    /// <exception cref="CorruptArchiveException">The archive is truncated, damaged or not an archive; nothing was written.</exception>
    /// <exception cref="ConcurrencyException">An archived stream already has events in the target; nothing was written.</exception>
    public static async Task<ArchiveManifest> ImportAsync(IEventStore target, Stream source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        var (manifest, events) = await ParseAsync(source, cancellationToken).ConfigureAwait(false);
        foreach (var stream in manifest.Streams)
        {
            var existing = await target.ReadStreamAsync(stream.Stream, 1, cancellationToken).ConfigureAwait(false);
            if (existing.Count != 0)
            {
                throw new ConcurrencyException(stream.Stream, 0, existing[^1].Version);
            }
        }

        var start = 0;
        while (start < events.Count)
        {
            var first = events[start];
            var end = start + 1;
            while (end < events.Count && events[end].Stream == first.Stream && events[end].CommandId == first.CommandId)
            {
                end++;
            }

            var batch = new EventData[end - start];
            for (var i = start; i < end; i++)
            {
                var e = events[i];
                batch[i - start] = new EventData(e.EventName, e.SchemaVersion, e.Payload, e.RecordedAt, e.Actor);
            }

            await target.AppendAsync(first.Stream, first.Version - 1, batch, first.CommandId, cancellationToken).ConfigureAwait(false);
            start = end;
        }

        return manifest;
    }

    private static async Task<List<StoredEvent>> ReadAsync(
        IEventStoreReader source, IReadOnlyCollection<StreamId>? streams, CancellationToken cancellationToken)
    {
        var events = new List<StoredEvent>();
        if (streams is null)
        {
            var after = 0L;
            while (true)
            {
                var page = await source.ReadAllAsync(after, PageSize, cancellationToken).ConfigureAwait(false);
                if (page.Count == 0)
                {
                    return events;
                }

                events.AddRange(page);
                after = page[^1].Position;
            }
        }

        foreach (var stream in streams.Distinct())
        {
            events.AddRange(await source.ReadStreamAsync(stream, 1, cancellationToken).ConfigureAwait(false));
        }

        events.Sort((a, b) => a.Position.CompareTo(b.Position));
        return events;
    }

    private static void WriteLine(ArrayBufferWriter<byte> buffer, Action<Utf8JsonWriter> write)
    {
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        buffer.Write("\n"u8);
    }

    private static void WriteManifest(Utf8JsonWriter w, Instant createdAt, long count, List<ArchivedStream> streams)
    {
        w.WriteStartObject();
        w.WriteString("format", FormatName);
        w.WriteNumber("formatVersion", FormatVersion);
        w.WriteString("createdAt", InstantText.Format(createdAt));
        w.WriteNumber("eventCount", count);
        w.WriteStartArray("streams");
        foreach (var s in streams)
        {
            w.WriteStartObject();
            w.WriteString("stream", s.Stream.Value);
            w.WriteNumber("events", s.Events);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteEvent(Utf8JsonWriter w, StoredEvent e)
    {
        w.WriteStartObject();
        w.WriteString("stream", e.Stream.Value);
        w.WriteNumber("version", e.Version);
        w.WriteNumber("position", e.Position);
        w.WriteString("name", e.EventName);
        w.WriteNumber("schemaVersion", e.SchemaVersion);
        w.WriteString("recordedAt", InstantText.Format(e.RecordedAt));
        w.WriteString("actor", e.Actor.ToString());
        if (e.CommandId is { } command)
        {
            w.WriteString("commandId", command.Value);
        }
        else
        {
            w.WriteNull("commandId");
        }

        w.WritePropertyName("payload");
        try
        {
            var payload = e.Payload.Span;
            if (payload.IndexOfAny((byte)'\n', (byte)'\r') < 0)
            {
                w.WriteRawValue(payload);
            }
            else
            {
                // Whitespace between tokens is all a raw line break can be in JSON; drop it to keep one event per line.
                using var document = JsonDocument.Parse(e.Payload);
                document.WriteTo(w);
            }
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            throw new CorruptEventPayloadException(e.Stream, e.Version, e.EventName, e.SchemaVersion, "it is not JSON, so it cannot be archived.", ex);
        }

        w.WriteEndObject();
    }

    private static async Task<(ArchiveManifest Manifest, List<StoredEvent> Events)> ParseAsync(Stream source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var copy = new MemoryStream();
        await source.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
        var bytes = copy.GetBuffer().AsMemory(0, (int)copy.Length);
        var lines = SplitLines(bytes);
        if (lines.Count < 2)
        {
            throw new CorruptArchiveException("it has fewer than two lines; an archive has a manifest line and a checksum line at least.");
        }

        var (checksumStart, checksumLine) = lines[^1];
        var expected = ReadChecksum(checksumLine);
        var actual = Convert.ToHexStringLower(SHA256.HashData(bytes.Span[..checksumStart]));
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
        {
            throw new CorruptArchiveException(
                $"its checksum does not match its content (recorded {expected}, computed {actual}); the file was damaged or edited.");
        }

        var (createdAt, declaredCount, declared) = ReadManifest(lines[0].Line);
        var events = new List<StoredEvent>(lines.Count - 2);
        for (var i = 1; i < lines.Count - 1; i++)
        {
            events.Add(ReadEvent(lines[i].Line, i + 1));
        }

        Check(events, declaredCount, declared);
        return (new ArchiveManifest(FormatVersion, createdAt, declaredCount, declared.ToValueList(), expected), events);
    }

    private static List<(int Start, ReadOnlyMemory<byte> Line)> SplitLines(ReadOnlyMemory<byte> bytes)
    {
        var lines = new List<(int, ReadOnlyMemory<byte>)>();
        var start = 0;
        while (start < bytes.Length)
        {
            var length = bytes.Span[start..].IndexOf((byte)'\n');
            if (length < 0)
            {
                throw new CorruptArchiveException("its last line is not terminated; the file was truncated.");
            }

            lines.Add((start, bytes.Slice(start, length)));
            start += length + 1;
        }

        return lines;
    }

    private static string ReadChecksum(ReadOnlyMemory<byte> line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("sha256", out var sha)
                && sha.ValueKind == JsonValueKind.String)
            {
                return sha.GetString()!;
            }
        }
        catch (JsonException)
        {
            // Reported below with the same words as a well-formed line that is not a checksum.
        }

        throw new CorruptArchiveException("its last line is not a checksum; the file was truncated or is not an archive.");
    }

    private static (Instant CreatedAt, long Count, List<ArchivedStream> Streams) ReadManifest(ReadOnlyMemory<byte> line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.GetProperty("format").GetString() != FormatName)
            {
                throw new CorruptArchiveException($"its first line is not a '{FormatName}' manifest.");
            }

            var version = root.GetProperty("formatVersion").GetInt32();
            if (version != FormatVersion)
            {
                throw new CorruptArchiveException(
                    $"it has format version {version} and this code reads version {FormatVersion}; import it with the release that wrote it.");
            }

            var createdAt = InstantText.Parse(root.GetProperty("createdAt").GetString()!).GetValueOrThrow();
            var streams = root.GetProperty("streams").EnumerateArray()
                .Select(s => new ArchivedStream(new StreamId(s.GetProperty("stream").GetString()!), s.GetProperty("events").GetInt64()))
                .ToList();
            return (createdAt, root.GetProperty("eventCount").GetInt64(), streams);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or UnparsableValueException or ArgumentException)
        {
            throw new CorruptArchiveException($"its manifest line cannot be read: {ex.Message}", ex);
        }
    }

    private static StoredEvent ReadEvent(ReadOnlyMemory<byte> line, int lineNumber)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var command = root.GetProperty("commandId");
            return new StoredEvent(
                new StreamId(root.GetProperty("stream").GetString()!),
                root.GetProperty("version").GetInt64(),
                root.GetProperty("position").GetInt64(),
                root.GetProperty("name").GetString()!,
                root.GetProperty("schemaVersion").GetInt32(),
                Encoding.UTF8.GetBytes(root.GetProperty("payload").GetRawText()),
                InstantText.Parse(root.GetProperty("recordedAt").GetString()!).GetValueOrThrow(),
                Actor.Parse(root.GetProperty("actor").GetString()!),
                command.ValueKind == JsonValueKind.Null ? null : new CommandId(command.GetString()!));
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or UnparsableValueException or ArgumentException)
        {
            throw new CorruptArchiveException(
                string.Create(CultureInfo.InvariantCulture, $"line {lineNumber} is not an archived event: {ex.Message}"), ex);
        }
    }

    private static void Check(List<StoredEvent> events, long declaredCount, List<ArchivedStream> declared)
    {
        if (events.Count != declaredCount)
        {
            throw new CorruptArchiveException(
                string.Create(CultureInfo.InvariantCulture, $"its manifest declares {declaredCount} events but it holds {events.Count}."));
        }

        var seen = new Dictionary<StreamId, long>();
        var lastPosition = 0L;
        foreach (var e in events)
        {
            var version = seen.GetValueOrDefault(e.Stream) + 1;
            if (e.Version != version || e.Position <= lastPosition)
            {
                throw new CorruptArchiveException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"event {e.Version} of stream '{e.Stream}' is out of order (expected version {version} after position {lastPosition})."));
            }

            seen[e.Stream] = version;
            lastPosition = e.Position;
        }

        var declaredCounts = declared.ToDictionary(s => s.Stream, s => s.Events);
        if (declaredCounts.Count != seen.Count || seen.Any(s => declaredCounts.GetValueOrDefault(s.Key) != s.Value))
        {
            throw new CorruptArchiveException("its manifest's stream counts do not match the events it holds.");
        }
    }
}
