using System;

namespace CoProduction.Events;

/// <summary>
/// Gives a domain event type its stable wire name and schema version, independent of its CLR name.
/// </summary>
/// <remarks>
/// Names are lower-case, dot-separated and past tense (<c>cycle.activity-planned</c>). A change to an
/// event's shape that old readers cannot ignore raises <see cref="SchemaVersion"/>; stored events of
/// an older version are read through an upcaster.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class EventNameAttribute : Attribute
{
    /// <summary>Names an event type.</summary>
    /// <param name="name">The wire name, for example <c>cycle.activity-planned</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or white space.</exception>
    public EventNameAttribute(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>Gets the wire name.</summary>
    public string Name { get; }

    /// <summary>Gets or sets the schema version of the payload; 1 unless the shape has changed.</summary>
    public int SchemaVersion { get; init; } = 1;
}
