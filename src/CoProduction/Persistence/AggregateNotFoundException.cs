using System.Globalization;

namespace CoProduction.Persistence;

/// <summary>An aggregate was loaded from a stream that has no events: it was never created, or the id is wrong.</summary>
public sealed class AggregateNotFoundException : CoProductionException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="stream">The stream that was read.</param>
    /// <param name="aggregateType">The aggregate type that was asked for.</param>
    public AggregateNotFoundException(StreamId stream, string aggregateType)
        : base(string.Create(
            CultureInfo.InvariantCulture,
            $"No {aggregateType} is stored in stream '{stream}': the stream has no events. Check the id, or create the {aggregateType} first."))
    {
        Stream = stream;
        AggregateType = aggregateType;
    }

    /// <summary>Gets the stream that was read.</summary>
    public StreamId Stream { get; }

    /// <summary>Gets the aggregate type that was asked for.</summary>
    public string AggregateType { get; }
}
