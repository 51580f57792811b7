using System;
using System.Collections.Generic;

namespace CoProduction.Persistence;

/// <summary>Argument checks every store makes before touching its storage.</summary>
internal static class StoreArguments
{
    /// <summary>Checks an append's arguments.</summary>
    /// <param name="stream">The stream; must not be <c>default</c>.</param>
    /// <param name="expectedVersion">Must not be negative.</param>
    /// <param name="events">Must hold at least one event, none null, each with a name, a schema version of at least 1 and a payload.</param>
    /// <exception cref="ArgumentException">An argument breaks one of these rules.</exception>
    public static void CheckAppend(StreamId stream, long expectedVersion, IReadOnlyList<EventData> events)
    {
        if (stream.Value is null)
        {
            throw new ArgumentException("The stream id is default; give a stream.", nameof(stream));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            throw new ArgumentException($"An append to '{stream}' needs at least one event.", nameof(events));
        }

        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i] ?? throw new ArgumentException($"Event {i} of the append to '{stream}' is null.", nameof(events));
            if (string.IsNullOrWhiteSpace(e.EventName) || e.SchemaVersion < 1 || e.Payload.IsEmpty)
            {
                throw new ArgumentException(
                    $"Event {i} of the append to '{stream}' needs a wire name, a schema version of at least 1 and a payload.", nameof(events));
            }
        }
    }

    /// <summary>Checks a write to several streams: at least one part, each valid as an append, each stream once.</summary>
    /// <param name="appends">The parts.</param>
    /// <exception cref="ArgumentException">A part breaks one of these rules.</exception>
    public static void CheckAppends(IReadOnlyList<StreamAppend> appends)
    {
        ArgumentNullException.ThrowIfNull(appends);
        if (appends.Count == 0)
        {
            throw new ArgumentException("A write to several streams needs at least one stream.", nameof(appends));
        }

        var seen = new HashSet<StreamId>();
        for (var i = 0; i < appends.Count; i++)
        {
            var part = appends[i] ?? throw new ArgumentException($"Part {i} of the write is null.", nameof(appends));
            CheckAppend(part.Stream, part.ExpectedVersion, part.Events);
            if (!seen.Add(part.Stream))
            {
                // Give a stream's events in one part: a repeat is refused like every repeated item (docs/limits.md).
                throw Preconditions.Repeated(part.Stream, nameof(appends));
            }
        }
    }

    /// <summary>Checks a stream read's arguments.</summary>
    /// <param name="stream">The stream; must not be <c>default</c>.</param>
    /// <param name="fromVersion">The first version to read; at least 1.</param>
    /// <exception cref="ArgumentException">An argument breaks one of these rules.</exception>
    public static void CheckReadStream(StreamId stream, long fromVersion)
    {
        if (stream.Value is null)
        {
            throw new ArgumentException("The stream id is default; give a stream.", nameof(stream));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(fromVersion, 1);
    }

    /// <summary>Checks a global read's arguments.</summary>
    /// <param name="afterPosition">The last position already seen; not negative.</param>
    /// <param name="maxCount">The most events to return; at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static void CheckReadAll(long afterPosition, int maxCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterPosition);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
    }

    /// <summary>Checks an atomic write of several commands: at least one, each valid as a write to several streams.</summary>
    /// <param name="commands">The commands.</param>
    /// <exception cref="ArgumentException">A command breaks one of these rules.</exception>
    public static void CheckCommands(IReadOnlyList<CommandAppend> commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        if (commands.Count == 0)
        {
            throw new ArgumentException("An atomic write of several commands needs at least one command.", nameof(commands));
        }

        for (var i = 0; i < commands.Count; i++)
        {
            var command = commands[i] ?? throw new ArgumentException($"Command {i} of the write is null.", nameof(commands));
            CheckAppends(command.Appends);
        }
    }
}
