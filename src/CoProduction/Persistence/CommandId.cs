using System;
using System.Text.Json.Serialization;

namespace CoProduction.Persistence;

/// <summary>
/// Identifies one issued command, so that a retried command is recorded once: an append that
/// carries a command id already appended to the same stream returns the first result and writes nothing.
/// </summary>
[JsonConverter(typeof(StringIdJsonConverter<CommandId>))]
public readonly record struct CommandId : IStringId<CommandId>
{
    /// <summary>Creates the command id.</summary>
    /// <param name="value">The id's text, typically a GUID chosen by the caller.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null, empty, padded or too long.</exception>
    public CommandId(string value) => Value = StringId.Require(value, nameof(CommandId), InputLimits.CommandIdLength);

    /// <inheritdoc/>
    public string Value { get; }

    /// <inheritdoc/>
    public static CommandId From(string value) => new(value);

    /// <summary>Returns the command id's text.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Value ?? string.Empty;
}
