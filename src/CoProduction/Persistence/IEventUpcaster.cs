using System.Text.Json.Nodes;

namespace CoProduction.Persistence;

/// <summary>
/// Lifts a stored payload of one event type by one schema version, so history written by older code
/// is read by today's code. Upcasters chain: a payload of version 1 read by code at version 3 goes
/// through the 1→2 and the 2→3 upcasters, in that order.
/// </summary>
/// <remarks>
/// An upcaster works on JSON, not on CLR types, because the old CLR shape no longer exists. It must be
/// pure: the same input always gives the same output; it never reads a clock or a store.
/// </remarks>
public interface IEventUpcaster
{
    /// <summary>Gets the wire name of the event type this upcaster lifts.</summary>
    string EventName { get; }

    /// <summary>Gets the schema version it reads; it produces <c>FromSchemaVersion + 1</c>.</summary>
    int FromSchemaVersion { get; }

    /// <summary>Turns a payload of <see cref="FromSchemaVersion"/> into one of the next version.</summary>
    /// <param name="payload">The payload as a JSON object; the upcaster may change and return it.</param>
    /// <returns>The payload in the next schema version.</returns>
    JsonObject Upcast(JsonObject payload);
}
