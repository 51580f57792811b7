using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Unicode;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Events;
using NodaTime;
using NodaTime.Text;

namespace CoProduction.Persistence;

/// <summary>
/// The first phase of an import: reads an archive line by line and checks everything, keeping only the events to
/// write (grouped by command, in the archive's order) and the raw events of the streams not yet complete.
/// </summary>
internal sealed class ArchiveReader
{
    private const int ProgressEvery = 1000;
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false, MaxDepth = 256 };
    private static readonly HashSet<string> EventFields = ["stream", "version", "position", "name", "schemaVersion", "recordedAt", "actor", "commandId", "payload"];
    private static readonly HashSet<string> ManifestFields = ["format", "formatVersion", "createdAt", "eventCount", "streams"];
    private static readonly HashSet<string> ChecksumFields = ["sha256", "keyId", "hmacSha256"];

    private readonly EventSerializer serializer;
    private readonly (string Prefix, Func<StreamId, IReadOnlyList<IDomainEvent>, IEventSourcedAggregate> Replay)[] replays;
    private readonly ArchiveKey? key;
    private readonly IProgress<ArchiveImportProgress>? progress;
    private readonly bool keepEvents;

    private readonly Dictionary<string, RegisteredEventType> types = new(StringComparer.Ordinal);
    private readonly Dictionary<StreamId, StreamCheck> streams = [];
    private readonly Dictionary<(StreamId, CommandId), long> commandLines = [];
    private readonly Dictionary<string, Actor> actors = new(StringComparer.Ordinal);
    private readonly List<CommandAppend> commands = [];
    private List<StreamAppend>? group;
    private CommandId? groupCommand;
    private StreamCheck? block;
    private CommandId? blockCommand;
    private List<EventData>? blockEvents;
    private long blockExpected;
    private long eventCount;
    private long eventsRead;
    private long lastPosition;

    public ArchiveReader(
        EventSerializer serializer,
        (string Prefix, Func<StreamId, IReadOnlyList<IDomainEvent>, IEventSourcedAggregate> Replay)[] replays,
        ArchiveKey? key,
        IProgress<ArchiveImportProgress>? progress,
        bool keepEvents)
    {
        this.serializer = serializer;
        this.replays = replays;
        this.key = key;
        this.progress = progress;
        this.keepEvents = keepEvents;
        foreach (var type in serializer.Types)
        {
            types[type.Name] = type;
        }
    }

    /// <summary>Reads and checks the whole archive.</summary>
    /// <returns>The manifest, and the commands to write (empty when events are not kept).</returns>
    /// <exception cref="CorruptArchiveException">Anything is wrong, at the first line found wrong.</exception>
    public async Task<(ArchiveManifest Manifest, List<CommandAppend> Commands)> ReadAsync(Stream source, CancellationToken cancellationToken)
    {
        var lines = new LineReader(source);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var hmac = key?.CreateHmac();

        var first = await lines.ReadLineAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new CorruptArchiveException(CorruptArchiveReason.NotAnArchive, 1, "the file is empty; an archive starts with a manifest line.");
        var number = 1L;
        var createdAt = ReadManifest(Line(lines, first, number));
        Hash(sha, hmac, first.Span);
        Report(number);

        while (true)
        {
            var read = await lines.ReadLineAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new CorruptArchiveException(
                    CorruptArchiveReason.Truncated, number + 1, string.Create(CultureInfo.InvariantCulture, $"the file ends after line {number} without a checksum line; it was cut short."));
            number++;
            using var document = Parse(Line(lines, read, number), number, CorruptArchiveReason.InvalidLine, "an archived event");
            var root = document.RootElement;
            if (root.TryGetProperty("sha256", out _))
            {
                var manifest = Finish(root, number, createdAt, sha, hmac);
                if (await lines.ReadLineAsync(cancellationToken).ConfigureAwait(false) is not null)
                {
                    throw new CorruptArchiveException(CorruptArchiveReason.InvalidLine, number + 1, "a line follows the checksum line, which ends an archive; the file was spliced.");
                }

                CloseGroup();
                return (manifest, commands);
            }

            ReadEvent(root, number);
            Hash(sha, hmac, read.Span);
            if (eventsRead % ProgressEvery == 0)
            {
                Report(number);
            }
        }
    }

    private static void Hash(IncrementalHash sha, IncrementalHash? hmac, ReadOnlySpan<byte> line)
    {
        sha.AppendData(line);
        sha.AppendData("\n"u8);
        hmac?.AppendData(line);
        hmac?.AppendData("\n"u8);
    }

    private void Report(long line) => progress?.Report(new ArchiveImportProgress(ArchiveImportStage.Verifying, line, eventsRead, 0, eventCount));

    /// <summary>A terminated, valid UTF-8 line, or the reason it is not.</summary>
    private static ReadOnlyMemory<byte> Line(LineReader lines, ReadOnlyMemory<byte> line, long number)
    {
        if (!lines.Terminated)
        {
            throw new CorruptArchiveException(CorruptArchiveReason.Truncated, number, "the line is not terminated; the file was cut short.");
        }

        if (!Utf8.IsValid(line.Span))
        {
            var valid = FirstInvalidByte(line.Span);
            throw new CorruptArchiveException(
                CorruptArchiveReason.InvalidUtf8, number, string.Create(CultureInfo.InvariantCulture, $"the line is not valid UTF-8 (from byte {valid + 1}); the file was damaged or written by another tool."));
        }

        return line;
    }

    private static int FirstInvalidByte(ReadOnlySpan<byte> bytes)
    {
        for (var i = 0; i < bytes.Length;)
        {
            if (System.Text.Rune.DecodeFromUtf8(bytes[i..], out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return i;
            }

            i += consumed;
        }

        return bytes.Length;
    }

    private static JsonDocument Parse(ReadOnlyMemory<byte> line, long number, CorruptArchiveReason reason, string what)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line, Strict);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)   // comparing field names unescapes them; a lone surrogate throws InvalidOperationException
        {
            throw new CorruptArchiveException(reason, number, $"the line is not {what}: it is not one JSON value without repeated fields ({ex.Message})", ex);
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new CorruptArchiveException(reason, number, $"the line is not {what}: it is not a JSON object.");
        }

        return document;
    }

    private Instant ReadManifest(ReadOnlyMemory<byte> line)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line, Strict);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)   // comparing field names unescapes them; a lone surrogate throws InvalidOperationException
        {
            // A manifest written by this code starts with its format; one that does and then breaks was damaged or edited.
            var reason = line.Span.StartsWith("{\"format\":\""u8) ? CorruptArchiveReason.InvalidManifest : CorruptArchiveReason.NotAnArchive;
            throw new CorruptArchiveException(reason, 1, $"the first line is not an archive manifest: it is not one JSON object without repeated fields ({ex.Message})", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || !format.ValueEquals(EventArchive.FormatName))
            {
                throw new CorruptArchiveException(CorruptArchiveReason.NotAnArchive, 1, $"the first line is not a '{EventArchive.FormatName}' manifest.");
            }

            var fields = new Fields(root, 1, CorruptArchiveReason.InvalidManifest, "the manifest", ManifestFields);
            var version = fields.Int32("formatVersion", 1);
            if (version > EventArchive.FormatVersion)
            {
                throw new CorruptArchiveException(
                    CorruptArchiveReason.NewerFormat, 1,
                    string.Create(CultureInfo.InvariantCulture, $"it has format version {version} and this code reads version {EventArchive.FormatVersion}; import it with the release that wrote it, or a newer one."));
            }

            var createdAt = fields.Instant("createdAt");
            eventCount = fields.Int64("eventCount", 0);
            var list = fields.Required("streams");
            if (list.ValueKind != JsonValueKind.Array)
            {
                throw fields.Invalid("its 'streams' is not an array.");
            }

            var sum = 0L;
            var entry = 0;
            foreach (var item in list.EnumerateArray())
            {
                entry++;
                if (item.ValueKind != JsonValueKind.Object)
                {
                    throw fields.Invalid(string.Create(CultureInfo.InvariantCulture, $"stream entry {entry} is not an object."));
                }

                var s = new Fields(item, 1, CorruptArchiveReason.InvalidManifest, string.Create(CultureInfo.InvariantCulture, $"the manifest's stream entry {entry}"), ["stream", "events"]);
                var stream = s.Stream("stream");
                var events = s.Int64("events", 1);
                if (streams.ContainsKey(stream))
                {
                    throw fields.Invalid($"it lists stream '{stream}' twice; each stream is listed once, with all its events.");
                }

                streams.Add(stream, new StreamCheck(stream, events, ReplayOf(stream)));
                sum += events;
            }

            if (sum != eventCount)
            {
                throw fields.Invalid(string.Create(CultureInfo.InvariantCulture, $"its streams hold {sum} events in all but it declares {eventCount}."));
            }

            return createdAt;
        }
    }

    private Func<StreamId, IReadOnlyList<IDomainEvent>, IEventSourcedAggregate> ReplayOf(StreamId stream)
    {
        foreach (var (prefix, replay) in replays)
        {
            if (stream.Value.Length > prefix.Length && stream.Value.StartsWith(prefix, StringComparison.Ordinal))
            {
                return replay;
            }
        }

        throw new CorruptArchiveException(
            CorruptArchiveReason.UnknownAggregate, 1,
            $"stream '{stream}' is of no known aggregate (the known categories are {string.Join(", ", Array.ConvertAll(replays, r => r.Prefix.TrimEnd('-')))}), so its history cannot be checked; add the app's aggregate with EventArchiveOptions.AddAggregate<T>().");
    }

    private void ReadEvent(JsonElement root, long number)
    {
        var fields = new Fields(root, number, CorruptArchiveReason.InvalidLine, "the line", EventFields);
        var streamId = fields.Stream("stream");
        var version = fields.Int64("version", 1);
        var position = fields.Int64("position", 1);
        var name = fields.String("name");
        if (string.IsNullOrWhiteSpace(name))
        {
            throw fields.Invalid("its wire name is blank; every event has the wire name of its type.");
        }

        var schema = fields.Int32("schemaVersion", 1);
        var recordedAt = fields.Instant("recordedAt");
        var actorText = fields.String("actor");
        if (!actors.TryGetValue(actorText, out var actor))
        {
            actor = fields.Parse("actor", actorText, Actor.Parse);
            actors.Add(actorText, actor);
        }

        var commandElement = fields.Required("commandId");
        CommandId? commandId = commandElement.ValueKind == JsonValueKind.Null ? null : fields.Parse("commandId", fields.String("commandId"), t => new CommandId(t));
        var payload = JsonMarshal.GetRawUtf8Value(fields.Required("payload")).ToArray();

        if (!streams.TryGetValue(streamId, out var check))
        {
            throw Mismatch(number, $"stream '{streamId}' is not listed in the manifest.");
        }

        if (check.Seen == check.Declared)
        {
            throw Mismatch(number, string.Create(CultureInfo.InvariantCulture, $"stream '{streamId}' has more events than the {check.Declared} the manifest declares."));
        }

        if (version != check.Seen + 1 || position <= lastPosition)
        {
            throw Mismatch(number, string.Create(
                CultureInfo.InvariantCulture,
                $"event {version} of stream '{streamId}' at position {position} is out of order (expected version {check.Seen + 1} after position {lastPosition})."));
        }

        if (!types.TryGetValue(name, out var registered))
        {
            throw new CorruptArchiveException(
                CorruptArchiveReason.UnknownEventType, number,
                $"no registered event type has the wire name '{Shorten(name)}' (event {version} of stream '{streamId}'); give the archiver the serializer of the app that wrote it (EventArchiveOptions.Serializer).");
        }

        if (schema > registered.SchemaVersion)
        {
            throw new CorruptArchiveException(
                CorruptArchiveReason.UnknownEventType, number,
                string.Create(CultureInfo.InvariantCulture, $"event '{name}' of stream '{streamId}' has schema {schema}, newer than the {registered.SchemaVersion} this code knows; import it with the release that wrote it, or a newer one."));
        }

        // The registered name's instance, so a large archive holds each name once.
        name = registered.Name;
        Group(check, commandId, number);
        if (keepEvents)
        {
            blockEvents!.Add(new EventData(name, schema, payload, recordedAt, actor));
        }

        check.Add(new StoredEvent(check.Stream, version, position, name, schema, payload, recordedAt, actor, commandId), number);
        lastPosition = position;
        eventsRead++;
        if (check.Seen == check.Declared)
        {
            check.Replay(serializer, number);
        }
    }

    /// <summary>Puts the event in its command's part: a run of one stream's events with one command id is one part, and consecutive parts with one id (a multi-stream command) one command.</summary>
    private void Group(StreamCheck check, CommandId? commandId, long number)
    {
        if (blockEvents is not null && ReferenceEquals(block, check) && blockCommand == commandId)
        {
            return;
        }

        if (commandId is { } id)
        {
            if (commandLines.TryGetValue((check.Stream, id), out var firstLine))
            {
                throw new CorruptArchiveException(
                    CorruptArchiveReason.CommandIdReused, number,
                    string.Create(CultureInfo.InvariantCulture, $"command id '{id}' was already used in stream '{check.Stream}' by the events from line {firstLine}, and other events came between. A store records a command once per stream, so these events would be dropped as a retry; an archive of a store never holds this."));
            }

            commandLines.Add((check.Stream, id), number);
        }

        CloseBlock();
        if (group is null || commandId is null || groupCommand != commandId)
        {
            CloseGroup();
            group = [];
            groupCommand = commandId;
        }

        block = check;
        blockCommand = commandId;
        blockExpected = check.Seen;
        blockEvents = [];
    }

    private void CloseBlock()
    {
        if (blockEvents is not null && keepEvents)
        {
            group!.Add(new StreamAppend(block!.Stream, blockExpected, blockEvents));
        }

        blockEvents = null;
    }

    private void CloseGroup()
    {
        CloseBlock();
        if (group is { Count: > 0 })
        {
            commands.Add(new CommandAppend(group, groupCommand) { RefuseRetry = true });
        }

        group = null;
    }

    private ArchiveManifest Finish(JsonElement root, long number, Instant createdAt, IncrementalHash sha, IncrementalHash? hmac)
    {
        var fields = new Fields(root, number, CorruptArchiveReason.InvalidLine, "the checksum line", ChecksumFields);
        var recorded = fields.String("sha256");
        var keyId = fields.Optional("keyId") is { } k ? fields.String("keyId") : null;
        var seal = fields.Optional("hmacSha256") is { } h ? fields.String("hmacSha256") : null;
        if ((keyId is null) != (seal is null))
        {
            throw fields.Invalid("it has one of 'keyId' and 'hmacSha256' without the other; a seal has both.");
        }

        var declared = new List<ArchivedStream>(streams.Count);
        foreach (var check in streams.Values)
        {
            if (check.Seen != check.Declared)
            {
                throw Mismatch(number, string.Create(
                    CultureInfo.InvariantCulture, $"stream '{check.Stream}' has {check.Seen} events but the manifest declares {check.Declared}; events were removed."));
            }

            declared.Add(new ArchivedStream(check.Stream, check.Declared));
        }

        var computed = Convert.ToHexStringLower(sha.GetHashAndReset());
        if (!string.Equals(recorded, computed, StringComparison.Ordinal))
        {
            throw new CorruptArchiveException(
                CorruptArchiveReason.ChecksumMismatch, number,
                $"its SHA-256 checksum does not match its content (recorded {recorded}, computed {computed}): the file was damaged. The checksum detects damage, not deliberate edits (anyone who edits the file can recompute it); seal archives with an ArchiveKey to refuse edited ones.");
        }

        if (key is not null)
        {
            if (seal is null)
            {
                throw new CorruptArchiveException(
                    CorruptArchiveReason.NotSealed, number, $"it is not sealed, and this import requires a seal by {key}; an unsealed archive may have been edited, so it is refused.");
            }

            if (!string.Equals(keyId, key.Id, StringComparison.Ordinal))
            {
                throw new CorruptArchiveException(
                    CorruptArchiveReason.SealMismatch, number, $"it is sealed by archive key {keyId}, not by {key}; import it with the key that sealed it.");
            }

            var expected = hmac!.GetHashAndReset();
            if (!IsHex(seal, expected.Length) || !CryptographicOperations.FixedTimeEquals(Convert.FromHexString(seal), expected))
            {
                throw new CorruptArchiveException(
                    CorruptArchiveReason.SealMismatch, number, $"its seal does not match its content under {key}: the archive was edited after it was sealed.");
            }
        }

        return new ArchiveManifest(EventArchive.FormatVersion, createdAt, eventCount, declared.ToValueList(), recorded, keyId);
    }

    private static bool IsHex(string text, int bytes)
    {
        if (text.Length != bytes * 2)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static CorruptArchiveException Mismatch(long number, string problem) => new(CorruptArchiveReason.ManifestMismatch, number, problem);

    /// <summary>
    /// One stream's check: its declared count, and its events and their lines until all are read; then each payload is
    /// read as its type and the history replayed, and the stream's events are let go. A stream's events are read once,
    /// when it is complete, so the archiver holds at most one stream's domain events besides the raw ones.
    /// </summary>
    private sealed class StreamCheck(StreamId stream, long declared, Func<StreamId, IReadOnlyList<IDomainEvent>, IEventSourcedAggregate> replay)
    {
        private List<StoredEvent>? events = [];
        private List<long>? lines = [];

        public StreamId Stream { get; } = stream;

        public long Declared { get; } = declared;

        public long Seen { get; private set; }

        public void Add(StoredEvent e, long line)
        {
            events!.Add(e);
            lines!.Add(line);
            Seen++;
        }

        /// <summary>Reads every payload as its type, then replays the history through the aggregate's own <c>Rehydrate</c>.</summary>
        public void Replay(EventSerializer serializer, long lastLine)
        {
            var history = new IDomainEvent[events!.Count];
            for (var i = 0; i < history.Length; i++)
            {
                var e = events[i];
                try
                {
                    history[i] = serializer.Deserialize(e);
                }
                catch (UnknownEventTypeException ex)
                {
                    throw new CorruptArchiveException(CorruptArchiveReason.UnknownEventType, lines![i], $"event '{e.EventName}' (schema {e.SchemaVersion}) of stream '{Stream}' cannot be read: {ex.Message}", ex);
                }
                catch (Exception ex) when (ex is UnreadableEventException or ArgumentException or InvalidOperationException or FormatException)
                {
                    throw new CorruptArchiveException(CorruptArchiveReason.InvalidPayload, lines![i], $"the payload of event '{e.EventName}' of stream '{Stream}' does not read as its type: {ex.Message}", ex);
                }
            }

            try
            {
                _ = replay(Stream, history);
            }
            catch (InvalidHistoryException ex)
            {
                var line = ex.Version >= 1 && ex.Version <= lines!.Count ? lines[(int)(ex.Version - 1)] : lastLine;
                throw new CorruptArchiveException(CorruptArchiveReason.InvalidHistory, line, $"stream '{Stream}' does not replay into a valid aggregate: {ex.Message}", ex);
            }
            catch (Exception ex) when (ex is CoProductionException or ArgumentException or InvalidOperationException)
            {
                throw new CorruptArchiveException(CorruptArchiveReason.InvalidHistory, lastLine, $"stream '{Stream}' does not replay into a valid aggregate: {ex.Message}", ex);
            }

            events = null;
            lines = null;
        }
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 80), "…");

    /// <summary>Reads a JSON object's fields strictly: only the known ones, each once (the parser refuses repeats), each of its type.</summary>
    private readonly struct Fields
    {
        private readonly JsonElement root;
        private readonly long line;
        private readonly CorruptArchiveReason reason;
        private readonly string what;

        public Fields(JsonElement root, long line, CorruptArchiveReason reason, string what, HashSet<string> known)
        {
            this.root = root;
            this.line = line;
            this.reason = reason;
            this.what = what;
            foreach (var property in root.EnumerateObject())
            {
                if (!known.Contains(NameOf(property)))
                {
                    throw Invalid($"it has an unknown field '{Shorten(property.Name)}'.");
                }
            }
        }

        // System.Text.Json refuses to unescape a lone surrogate (\uD800) with an InvalidOperationException: that is a bad line, not a bug.
        private string NameOf(JsonProperty property)
        {
            try
            {
                return property.Name;
            }
            catch (InvalidOperationException ex)
            {
                throw Invalid("a field name is not well-formed text (it escapes a lone surrogate).", ex);
            }
        }

        public CorruptArchiveException Invalid(string problem, Exception? inner = null) => new(reason, line, $"{what} is not valid: {problem}", inner);

        public JsonElement Required(string name)
            => root.TryGetProperty(name, out var value) ? value : throw Invalid($"its field '{name}' is missing.");

        public JsonElement? Optional(string name) => root.TryGetProperty(name, out var value) ? value : null;

        public string String(string name)
        {
            var value = Required(name);
            if (value.ValueKind != JsonValueKind.String)
            {
                throw Invalid($"its field '{name}' is not a string.");
            }

            try
            {
                return value.GetString()!;
            }
            catch (InvalidOperationException ex)
            {
                throw Invalid($"its field '{name}' is not well-formed text (it escapes a lone surrogate).", ex);
            }
        }

        public long Int64(string name, long minimum)
        {
            var value = Required(name);
            return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) && n >= minimum
                ? n
                : throw Invalid(string.Create(CultureInfo.InvariantCulture, $"its field '{name}' is not a whole number of at least {minimum}."));
        }

        public int Int32(string name, int minimum)
        {
            var value = Required(name);
            return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n >= minimum
                ? n
                : throw Invalid(string.Create(CultureInfo.InvariantCulture, $"its field '{name}' is not a whole number of at least {minimum}."));
        }

        public Instant Instant(string name)
        {
            var text = String(name);
            var parsed = EventArchive.InstantText.Parse(text);
            return parsed.Success ? parsed.Value : throw Invalid($"its field '{name}' is not an ISO instant ('{Shorten(text)}').");
        }

        public StreamId Stream(string name) => Parse(name, String(name), t => new StreamId(t));

        public T Parse<T>(string name, string text, Func<string, T> parse)
        {
            try
            {
                return parse(text);
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or UnparsableValueException)
            {
                throw Invalid($"its field '{name}' ('{Shorten(text)}') is not valid: {ex.Message}", ex);
            }
        }
    }
}
