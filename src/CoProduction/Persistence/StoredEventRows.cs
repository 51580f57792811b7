using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using NodaTime;
using NodaTime.Text;

namespace CoProduction.Persistence;

/// <summary>
/// Reads a database store's event rows into envelopes, the one reader of both the SQLite and the PostgreSQL store.
/// The columns, in order: <c>version, position, name, schema_version, payload, recorded_at, actor, command_id</c>, and
/// <c>stream</c> last when the rows are not all of one stream. Consecutive rows mostly share their stream, actor, command
/// and often their instant (one append's events), so a value equal to the previous row's is reused, not parsed again.
/// A row whose envelope cannot be read (an instant, actor, stream or command id a write would not have stored) is a
/// <see cref="CorruptEventEnvelopeException"/>: reading stops, no event is skipped.
/// </summary>
internal sealed class StoredEventRows
{
    private const int Version = 0, Position = 1, Name = 2, SchemaVersion = 3, Payload = 4, RecordedAt = 5, ActorColumn = 6, Command = 7, Stream = 8;

    private static readonly InstantPattern InstantText = InstantPattern.ExtendedIso;

    private readonly List<StoredEvent> events = [];
    private readonly StreamId? stream;
    private readonly string dataSource;
    private string? atText, actorText, commandText, streamText;
    private Instant at;
    private Actor actor;
    private CommandId? command;
    private StreamId current;

    private StoredEventRows(StreamId? stream, string dataSource)
    {
        this.stream = stream;
        this.dataSource = dataSource;
        current = stream ?? default;
    }

    /// <summary>
    /// Reads every row synchronously (Microsoft.Data.Sqlite's async reads run synchronously anyway, and a task per row is
    /// waste).
    /// </summary>
    /// <param name="reader">The rows.</param>
    /// <param name="stream">The stream all rows belong to, or <see langword="null"/> when each row names its own (last column).</param>
    /// <param name="dataSource">The store, named in an error.</param>
    /// <param name="cancellationToken">Checked every 1,024 rows.</param>
    /// <returns>The envelopes, in the rows' order.</returns>
    /// <exception cref="CorruptEventEnvelopeException">A row's envelope cannot be read.</exception>
    public static List<StoredEvent> Read(DbDataReader reader, StreamId? stream, string dataSource, CancellationToken cancellationToken)
    {
        var rows = new StoredEventRows(stream, dataSource);
        while (reader.Read())
        {
            if ((rows.events.Count & 1023) == 1023)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            rows.Add(reader);
        }

        return rows.events;
    }

    /// <summary>Reads every row, waiting for each asynchronously (a server's rows arrive over the network).</summary>
    /// <param name="reader">The rows.</param>
    /// <param name="stream">The stream all rows belong to, or <see langword="null"/> when each row names its own (last column).</param>
    /// <param name="dataSource">The store, named in an error.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The envelopes, in the rows' order.</returns>
    /// <exception cref="CorruptEventEnvelopeException">A row's envelope cannot be read.</exception>
    public static async Task<List<StoredEvent>> ReadAsync(DbDataReader reader, StreamId? stream, string dataSource, CancellationToken cancellationToken)
    {
        var rows = new StoredEventRows(stream, dataSource);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(reader);
        }

        return rows.events;
    }

    /// <summary>Parses <c>uuuu-MM-ddTHH:mm:ss[.F{1,9}]Z</c> with four-digit years; <see langword="false"/> for any other text, left to the pattern.</summary>
    /// <param name="text">The stored text.</param>
    /// <param name="instant">The instant, when the text has the usual shape.</param>
    /// <returns>Whether the text had the usual shape and a valid date and time.</returns>
    internal static bool TryParseUsualInstant(string text, out Instant instant)
    {
        instant = default;
        var length = text.Length;
        if (length < 20 || length > 30 || length == 21 || text[4] != '-' || text[7] != '-' || text[10] != 'T'
            || text[13] != ':' || text[16] != ':' || text[length - 1] != 'Z' || (length > 20 && text[19] != '.'))
        {
            return false;
        }

        if (!Digits(text, 0, 4, out var year) || !Digits(text, 5, 2, out var month) || !Digits(text, 8, 2, out var day)
            || !Digits(text, 11, 2, out var hour) || !Digits(text, 14, 2, out var minute) || !Digits(text, 17, 2, out var second))
        {
            return false;
        }

        long nanoseconds = 0;
        if (length > 20)
        {
            var fraction = length - 21;
            if (!Digits(text, 20, fraction, out var digits))
            {
                return false;
            }

            nanoseconds = digits;
            for (var i = fraction; i < 9; i++)
            {
                nanoseconds *= 10;
            }
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        instant = Instant.FromUtc(year, month, day, hour, minute, second).PlusNanoseconds(nanoseconds);
        return true;
    }

    private static bool Digits(string text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = text[i] - '0';
            if (digit is < 0 or > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }

    private void Add(DbDataReader reader)
    {
        var version = reader.GetInt64(Version);
        if (stream is null)
        {
            var text = reader.GetString(Stream);
            if (!string.Equals(text, streamText, StringComparison.Ordinal))
            {
                current = Envelope(reader, version, "stream", text, static t => new StreamId(t));
                streamText = text;
            }
        }

        var recorded = reader.GetString(RecordedAt);
        if (!string.Equals(recorded, atText, StringComparison.Ordinal))
        {
            at = TryParseUsualInstant(recorded, out var fast) ? fast
                : InstantText.Parse(recorded) is { Success: true } parsed ? parsed.Value
                : throw Corrupt(reader, version, "recorded_at", recorded, "it is not an instant in the extended ISO form (2016-03-01T09:30:00Z)");
            atText = recorded;
        }

        var by = reader.GetString(ActorColumn);
        if (!string.Equals(by, actorText, StringComparison.Ordinal))
        {
            actor = Envelope(reader, version, "actor", by, Actor.Parse);
            actorText = by;
        }

        if (reader.IsDBNull(Command))
        {
            command = null;
            commandText = null;
        }
        else if (reader.GetString(Command) is var id && !string.Equals(id, commandText, StringComparison.Ordinal))
        {
            command = Envelope(reader, version, "command_id", id, static t => new CommandId(t));
            commandText = id;
        }

        events.Add(new StoredEvent(
            current,
            version,
            reader.GetInt64(Position),
            reader.GetString(Name),
            reader.GetInt32(SchemaVersion),
            reader.GetFieldValue<byte[]>(Payload),
            at,
            actor,
            command));
    }

    private T Envelope<T>(DbDataReader reader, long version, string column, string text, Func<string, T> parse)
    {
        try
        {
            return parse(text);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            throw Corrupt(reader, version, column, text, ex.Message, ex);
        }
    }

    private CorruptEventEnvelopeException Corrupt(DbDataReader reader, long version, string column, string text, string problem, Exception? inner = null)
        => new(
            stream ?? (column == "stream" ? default : current),
            version,
            reader.GetString(Name),
            reader.GetInt32(SchemaVersion),
            dataSource,
            column,
            InputLimitException.Show(text),
            problem,
            inner);
}
