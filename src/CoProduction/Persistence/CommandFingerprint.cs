using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CoProduction.Persistence;

/// <summary>
/// What a command id is bound to: the command's stable name, the streams it wrote and a hash of what it decided.
/// A store keeps it with the id, so the same id with another command is refused (<see cref="CommandIdReusedException"/>)
/// and the same command returns the first write's outcome.
/// </summary>
/// <param name="Command">The command's stable name, for example <c>cycle.execute</c> or <c>amendment.submit</c>; empty when the writer named none.</param>
/// <param name="Streams">The streams the command writes, in the order of the write, joined by a space.</param>
/// <param name="ArgumentsHash">The SHA-256, in lowercase hex, of the canonical form of the events the command decided.</param>
/// <remarks>
/// <para>
/// What a command was given is a delegate (a decision), which cannot be hashed; what it decided can. The hash is
/// over each stream's id and each event's registered name, schema version and payload, with the payload's stamp
/// (its top-level <c>at</c> and <c>by</c>) left out: a retry decided again a moment later, or by the same command in
/// another process, has the same fingerprint; any other decision (another trigger, other arguments, another stream)
/// has another one.
/// </para>
/// <para>
/// A store that is given no fingerprint with a command id computes one with an empty name (<see cref="Of"/>).
/// A command id recorded before fingerprints were kept (a SQLite file of schema version 1) is matched per stream,
/// as it was then.
/// </para>
/// </remarks>
public sealed record CommandFingerprint(string Command, string Streams, string ArgumentsHash)
{
    /// <summary>Computes the fingerprint of a write.</summary>
    /// <param name="command">The command's stable name; empty when there is none.</param>
    /// <param name="appends">The write's parts, in order.</param>
    /// <returns>The fingerprint.</returns>
    public static CommandFingerprint Of(string command, IReadOnlyList<StreamAppend> appends)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(appends);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var part in appends)
        {
            ArgumentNullException.ThrowIfNull(part, nameof(appends));
            Append(hash, "stream " + part.Stream.Value);
            foreach (var e in part.Events)
            {
                Append(hash, string.Concat("event ", e.EventName, " ", e.SchemaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                hash.AppendData(Canonical(e.Payload.Span));
                hash.AppendData("\n"u8);
            }
        }

        return new CommandFingerprint(command, StreamsOf(appends), Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    /// <summary>The streams of a write as a fingerprint names them: in order, joined by a space.</summary>
    /// <param name="appends">The write's parts.</param>
    /// <returns>The streams' ids.</returns>
    public static string StreamsOf(IReadOnlyList<StreamAppend> appends)
    {
        ArgumentNullException.ThrowIfNull(appends);
        return string.Join(' ', System.Linq.Enumerable.Select(appends, a => a.Stream.Value));
    }

    /// <summary>Describes the fingerprint for an error message.</summary>
    /// <returns>The command's name and streams.</returns>
    public override string ToString()
        => $"{(Command.Length == 0 ? "an unnamed command" : "'" + Command + "'")} on {Streams} (arguments {ArgumentsHash[..Math.Min(12, ArgumentsHash.Length)]})";

    private static void Append(IncrementalHash hash, string text)
    {
        hash.AppendData(Encoding.UTF8.GetBytes(text));
        hash.AppendData("\n"u8);
    }

    /// <summary>The payload without its stamp: a JSON object's top-level <c>at</c> and <c>by</c> are left out; anything else is kept as it is.</summary>
    private static byte[] Canonical(ReadOnlySpan<byte> payload)
    {
        try
        {
            var reader = new Utf8JsonReader(payload);
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return payload.ToArray();
            }

            using var buffer = new System.IO.MemoryStream(payload.Length);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    if (property.NameEquals("at") || property.NameEquals("by"))
                    {
                        continue;
                    }

                    property.WriteTo(writer);
                }

                writer.WriteEndObject();
            }

            return buffer.ToArray();
        }
        catch (JsonException)
        {
            return payload.ToArray();
        }
    }
}
