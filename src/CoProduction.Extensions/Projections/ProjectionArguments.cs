using System;
using System.Collections.Generic;
using System.Globalization;

namespace CoProduction.Projections;

/// <summary>Argument checks every projection store makes before touching its storage.</summary>
internal static class ProjectionArguments
{
    /// <summary>Checks a projection: not null, a name that is one trimmed line, a version of at least 1.</summary>
    public static void CheckProjection(IProjection projection)
    {
        ArgumentNullException.ThrowIfNull(projection);
        CheckSubscriber(projection.Name, nameof(projection));
        if (projection.Version < 1)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Projection '{projection.Name}' has version {projection.Version}; a version is at least 1."),
                nameof(projection));
        }
    }

    /// <summary>Checks a projection's or handler's name: not blank, one line, not padded.</summary>
    public static void CheckSubscriber(string? name, string paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name, paramName);
        if (name.Trim().Length != name.Length || name.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException($"The name '{name}' is padded or spans lines; give one line without surrounding spaces.", paramName);
        }
    }

    /// <summary>Checks a batch: not null, no null event, positions strictly increasing.</summary>
    public static void CheckBatch(IReadOnlyList<ProjectedEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        long previous = 0;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i] ?? throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Event {i} of the batch is null."), nameof(events));
            if (e.Stored.Position <= previous)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Event {i} of the batch is at position {e.Stored.Position}, not after {previous}: a batch is in feed order."),
                    nameof(events));
            }

            previous = e.Stored.Position;
        }
    }

    /// <summary>Checks a parked entry: not null, for this subscriber.</summary>
    public static void CheckParked(ParkedEvent parked, string? subscriber = null)
    {
        ArgumentNullException.ThrowIfNull(parked);
        CheckSubscriber(parked.Subscriber, nameof(parked));
        ArgumentOutOfRangeException.ThrowIfLessThan(parked.Position, 1, nameof(parked));
        if (subscriber is not null && !string.Equals(parked.Subscriber, subscriber, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The parked event belongs to '{parked.Subscriber}', not to '{subscriber}'.", nameof(parked));
        }
    }

    /// <summary>Checks a page request.</summary>
    public static void CheckPage(long afterPosition, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterPosition);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 10_000);
    }

    /// <summary>The error for a model built by another version.</summary>
    public static InvalidOperationException VersionMismatch(IProjection projection, int stored)
        => new(string.Create(
            CultureInfo.InvariantCulture,
            $"Projection '{projection.Name}' is at version {projection.Version} but its model was built by version {stored}: reset it first (the runner does so at start), or stop the process that runs the other version."));

    /// <summary>Checks several steps committed together: each as <see cref="CheckCommit"/>, a projection at most once.</summary>
    public static void CheckCommits(IReadOnlyList<DocumentCommit> commits)
    {
        ArgumentNullException.ThrowIfNull(commits);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var commit in commits)
        {
            ArgumentNullException.ThrowIfNull(commit, nameof(commits));
            CheckCommit(commit.Projection, commit.ExpectedPosition, commit.Changes, commit.Position);
            if (!names.Add(commit.Projection.Name))
            {
                throw new ArgumentException($"Projection '{commit.Projection.Name}' has two steps in one commit; fold its events into one step.", nameof(commits));
            }
        }
    }

    /// <summary>Checks a document step: the projection, positions in order, keys given once, no index entry on a removal.</summary>
    public static void CheckCommit(IDocumentProjection projection, long expectedPosition, IReadOnlyList<DocumentChange> changes, long position)
    {
        CheckProjection(projection);
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedPosition);
        if (position <= expectedPosition)
        {
            throw new ArgumentOutOfRangeException(
                nameof(position), position, string.Create(CultureInfo.InvariantCulture, $"A step moves the checkpoint forward, past {expectedPosition}."));
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var change in changes)
        {
            ArgumentNullException.ThrowIfNull(change, nameof(changes));
            ArgumentException.ThrowIfNullOrEmpty(change.Key, nameof(changes));
            if (!keys.Add(change.Key))
            {
                throw new ArgumentException($"Document '{change.Key}' is changed twice in one step.", nameof(changes));
            }

            if (change.Document is { } document && !projection.DocumentType.IsInstanceOfType(document))
            {
                throw new ArgumentException($"Projection '{projection.Name}' keeps {projection.DocumentType.Name} documents, not {document.GetType().Name}.", nameof(changes));
            }

            foreach (var entry in change.Index ?? throw new ArgumentException($"Document '{change.Key}' has no index list.", nameof(changes)))
            {
                ArgumentException.ThrowIfNullOrEmpty(entry.Name, nameof(changes));
                ArgumentNullException.ThrowIfNull(entry.Value, nameof(changes));
            }
        }
    }

    /// <summary>Checks a query's range and page size.</summary>
    public static void CheckQuery(DocumentRange range, int limit)
    {
        ArgumentNullException.ThrowIfNull(range.From, nameof(range));
        ArgumentNullException.ThrowIfNull(range.To, nameof(range));
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 10_000);
    }
}
