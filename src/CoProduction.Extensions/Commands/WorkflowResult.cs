using System;
using System.Collections.Generic;
using System.Linq;
using CoProduction.Events;
using CoProduction.Persistence;

namespace CoProduction.Commands;

/// <summary>The outcome of a workflow: the aggregates it touched, what was written, and how many times it was retried.</summary>
/// <param name="Aggregates">The aggregates the workflow loaded or created, with nothing uncommitted.</param>
/// <param name="Append">What the store recorded for every stream; <see langword="null"/> when nothing was written (accepted without events, or a repeat found before deciding).</param>
/// <param name="WasDuplicate"><see langword="true"/> when the command id had been recorded already: nothing was decided again or written.</param>
public sealed record WorkflowResult(IReadOnlyList<IEventSourcedAggregate> Aggregates, StreamsAppendResult? Append, bool WasDuplicate)
{
    /// <summary>Gets how many times the workflow was tried again after another writer changed one of its streams first.</summary>
    public int Retries { get; init; }

    /// <summary>One of the aggregates, by stream.</summary>
    /// <typeparam name="TAggregate">The aggregate type.</typeparam>
    /// <param name="stream">Its stream.</param>
    /// <returns>The aggregate.</returns>
    /// <exception cref="ArgumentException">The workflow did not touch this stream.</exception>
    public TAggregate Get<TAggregate>(StreamId stream)
        where TAggregate : class, IEventSourcedAggregate<TAggregate>
        => Aggregates.OfType<TAggregate>().FirstOrDefault(a => a.StreamId == stream)
            ?? throw new ArgumentException($"The workflow did not touch a {typeof(TAggregate).Name} in stream '{stream}'.", nameof(stream));
}
