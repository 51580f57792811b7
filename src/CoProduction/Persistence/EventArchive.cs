using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using NodaTime;
using NodaTime.Text;

namespace CoProduction.Persistence;

/// <summary>
/// Exports streams (a programme's, or the whole store) to one portable file and imports such a file
/// into any store. The file is JSON lines: a manifest, one line per event in global order, and a
/// last line with the SHA-256 of everything before it and, when the archiver has a key, an HMAC-SHA256 seal.
/// </summary>
/// <remarks>
/// <para>
/// Import verifies everything, then writes once. It reads the archive line by line (holding the events it will
/// write, about the archive's size) and checks every line: the manifest, each event's envelope, its wire name
/// known to the serializer, its payload read as its type, versions contiguous from 1, command ids not reused,
/// every stream replayed into a valid aggregate, the checksum and (with a key) the seal. Any problem is a
/// <see cref="CorruptArchiveException"/> naming the line and the reason. Then it writes every event in one atomic
/// write (<see cref="IEventStoreWriter.AppendCommandsAsync"/>) that expects each archived stream not to exist,
/// checked inside the write: a target that holds one of the streams, even one another writer created during the
/// import, gets <see cref="ArchiveImportConflictException"/>. Either way nothing is written.
/// </para>
/// <para>
/// Without a key, the checksum detects damage (a flipped bit, a cut or spliced file), not deliberate edits: anyone
/// who edits an archive can recompute it. Give the archiver an <see cref="ArchiveKey"/>
/// (<see cref="EventArchiveOptions.Key"/>) to seal what it exports and refuse to import what the key did not seal.
/// </para>
/// <para>
/// Events keep their versions, instants, actors, command ids and payloads (byte for byte); the target assigns
/// its own global positions, in the archive's order.
/// </para>
/// </remarks>
public sealed class EventArchive
{
    /// <summary>The archive format version this code writes and reads.</summary>
    public const int FormatVersion = 1;

    internal const string FormatName = "coproduction-archive";
    internal static readonly InstantPattern InstantText = InstantPattern.ExtendedIso;
    private const int PageSize = 1000;

    private readonly IClock clock;
    private readonly ArchiveKey? key;
    private readonly EventSerializer serializer;
    private readonly (string Prefix, Func<StreamId, IReadOnlyList<Events.IDomainEvent>, Events.IEventSourcedAggregate> Replay)[] replays;

    /// <summary>Creates the archiver.</summary>
    /// <param name="clock">The clock that stamps exported archives.</param>
    /// <param name="options">The serializer, the aggregates and the key; the library's own events and aggregates and no key when <see langword="null"/>. Copied now.</param>
    public EventArchive(IClock clock, EventArchiveOptions? options = null)
    {
        this.clock = clock ?? throw new ArgumentNullException(nameof(clock));
        options ??= new EventArchiveOptions();
        key = options.Key;
        serializer = options.Serializer ?? throw new ArgumentException("The options' serializer is null; leave the default or give one.", nameof(options));
        replays = options.Replays();
    }

    /// <summary>Writes an archive of some streams, or of every stream, to a destination; sealed when the archiver has a key.</summary>
    /// <param name="source">The store to read.</param>
    /// <param name="destination">Where to write the archive; left open.</param>
    /// <param name="streams">The streams to export (for example a programme's), each once; <see langword="null"/> for every stream. Streams with no events are left out.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>The manifest of the written archive.</returns>
    /// <exception cref="CorruptEventPayloadException">A stored payload is not JSON.</exception>
    /// <exception cref="InputLimitException"><paramref name="streams"/> lists a stream twice (<see cref="InputRule.Repeated"/>, naming the stream); nothing was written.</exception>
    public async Task<ArchiveManifest> ExportAsync(
        IEventStoreReader source,
        Stream destination,
        IReadOnlyCollection<StreamId>? streams = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        if (streams is not null)
        {
            var seen = new HashSet<StreamId>();
            foreach (var stream in streams)
            {
                if (!seen.Add(stream))
                {
                    throw Preconditions.Repeated(stream, nameof(streams));
                }
            }
        }

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
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var hmac = key?.CreateHmac();
        var line = new ArrayBufferWriter<byte>();
        await WriteLineAsync(destination, line, w => WriteManifest(w, createdAt, events.Count, counts), sha, hmac, cancellationToken).ConfigureAwait(false);
        foreach (var e in events)
        {
            await WriteLineAsync(destination, line, w => WriteEvent(w, e), sha, hmac, cancellationToken).ConfigureAwait(false);
        }

        var checksum = Convert.ToHexStringLower(sha.GetHashAndReset());
        var seal = hmac is null ? null : Convert.ToHexStringLower(hmac.GetHashAndReset());
        await WriteLineAsync(
            destination,
            line,
            w =>
            {
                w.WriteStartObject();
                w.WriteString("sha256", checksum);
                if (seal is not null)
                {
                    w.WriteString("keyId", key!.Id);
                    w.WriteString("hmacSha256", seal);
                }

                w.WriteEndObject();
            },
            null,
            null,
            cancellationToken).ConfigureAwait(false);
        await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
        return new ArchiveManifest(FormatVersion, createdAt, events.Count, counts.ToValueList(), checksum, key?.Id);
    }

    /// <summary>Reads and verifies an archive as an import would, without writing anywhere.</summary>
    /// <param name="source">The archive; read to its end, left open.</param>
    /// <param name="progress">Told how many lines and events have been checked; <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The archive's manifest.</returns>
    /// <exception cref="CorruptArchiveException">The archive is truncated, damaged, not an archive, holds an unreadable event or history, or (with a key) is not sealed by the key.</exception>
    public async Task<ArchiveManifest> VerifyAsync(
        Stream source, IProgress<ArchiveImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var (manifest, _) = await new ArchiveReader(serializer, replays, key, progress, keepEvents: false)
            .ReadAsync(source, cancellationToken).ConfigureAwait(false);
        progress?.Report(new ArchiveImportProgress(ArchiveImportStage.Completed, 0, manifest.EventCount, 0, manifest.EventCount));
        return manifest;
    }

    /// <summary>Verifies a whole archive, then writes all of it to the target in one atomic write, into streams the target does not hold.</summary>
    /// <param name="target">The store to write to; none of the archived streams may exist in it.</param>
    /// <param name="source">The archive; read to its end, left open.</param>
    /// <param name="progress">Told how many lines and events have been checked, and when the write has committed; <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Cancels the import; cancelled before the write commits, nothing is written.</param>
    /// <returns>The imported archive's manifest.</returns>
    /// <exception cref="CorruptArchiveException">The archive is truncated, damaged, not an archive, holds an unreadable event or history, or (with a key) is not sealed by the key; nothing was written.</exception>
    /// <exception cref="ArchiveImportConflictException">The target holds one of the archived streams (checked inside the write); nothing was written.</exception>
    /// <exception cref="NotSupportedException">The target cannot write several commands atomically; nothing was written.</exception>
    public async Task<ArchiveManifest> ImportAsync(
        IEventStore target, Stream source, IProgress<ArchiveImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(source);
        var (manifest, commands) = await new ArchiveReader(serializer, replays, key, progress, keepEvents: true)
            .ReadAsync(source, cancellationToken).ConfigureAwait(false);
        progress?.Report(new ArchiveImportProgress(ArchiveImportStage.Writing, 0, manifest.EventCount, 0, manifest.EventCount));
        if (commands.Count > 0)
        {
            try
            {
                await target.AppendCommandsAsync(commands, cancellationToken).ConfigureAwait(false);
            }
            catch (ConcurrencyException conflict)
            {
                throw new ArchiveImportConflictException(conflict.Stream, conflict.ActualVersion, conflict);
            }
        }

        progress?.Report(new ArchiveImportProgress(ArchiveImportStage.Completed, 0, manifest.EventCount, manifest.EventCount, manifest.EventCount));
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

        foreach (var stream in streams)
        {
            events.AddRange(await source.ReadStreamAsync(stream, 1, cancellationToken).ConfigureAwait(false));
        }

        events.Sort((a, b) => a.Position.CompareTo(b.Position));
        return events;
    }

    /// <summary>Writes one line to the destination, adding it (and its line break) to the checksum and the seal when given.</summary>
    private static async Task WriteLineAsync(
        Stream destination, ArrayBufferWriter<byte> buffer, Action<Utf8JsonWriter> write, IncrementalHash? sha, IncrementalHash? hmac, CancellationToken cancellationToken)
    {
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        buffer.Write("\n"u8);
        sha?.AppendData(buffer.WrittenSpan);
        hmac?.AppendData(buffer.WrittenSpan);
        await destination.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
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
}
