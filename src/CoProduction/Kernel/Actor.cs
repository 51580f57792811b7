using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CoProduction;

/// <summary>
/// Who did something: a member of a learning site's team, or a named actor outside the teams
/// (an ethics office, a scheduled sweep, an importing tool).
/// </summary>
/// <remarks>
/// Every accepted command records its actor, so the history always answers "who". The text form,
/// used in JSON and in <see cref="ToString"/>, is <c>member:ID</c> or <c>named:NAME</c>.
/// </remarks>
[JsonConverter(typeof(ActorJsonConverter))]
public readonly record struct Actor
{
    private const string MemberPrefix = "member:";
    private const string NamedPrefix = "named:";

    private Actor(MemberId? member, string? name)
    {
        MemberId = member;
        Name = name;
    }

    /// <summary>Gets the member who acted, or <see langword="null"/> for a named actor.</summary>
    public MemberId? MemberId { get; }

    /// <summary>Gets the name of a named actor, or <see langword="null"/> for a member.</summary>
    public string? Name { get; }

    /// <summary>Gets a value indicating whether the actor is a member of a site's team.</summary>
    public bool IsMember => MemberId is not null;

    /// <summary>Gets a value indicating whether this is <c>default(Actor)</c>, which names no one and is refused by every command.</summary>
    public bool IsDefault => MemberId is null && Name is null;

    /// <summary>The actor used by sweeps and schedules that the library runs itself.</summary>
    public static Actor System { get; } = new(null, "system");

    /// <summary>An actor that is a member of a learning site's team.</summary>
    /// <param name="member">The member.</param>
    /// <returns>The actor.</returns>
    public static Actor Member(MemberId member)
    {
        _ = StringId.Require(member.Value, nameof(CoProduction.MemberId));
        return new(member, null);
    }

    /// <summary>An actor outside the teams, identified by a name (for example <c>ethics-office</c>).</summary>
    /// <param name="name">The name: non-empty, not padded, at most 200 characters.</param>
    /// <returns>The actor.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid name.</exception>
    public static Actor Named(string name) => new(null, StringId.Require(name, "actor name", InputLimits.ActorNameLength));

    /// <summary>Parses the text form written by <see cref="ToString"/>.</summary>
    /// <param name="text"><c>member:ID</c> or <c>named:NAME</c>.</param>
    /// <returns>The actor.</returns>
    /// <exception cref="FormatException"><paramref name="text"/> is not an actor's text form.</exception>
    public static Actor Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            if (text.StartsWith(MemberPrefix, StringComparison.Ordinal))
            {
                return Member(new MemberId(text[MemberPrefix.Length..]));
            }

            if (text.StartsWith(NamedPrefix, StringComparison.Ordinal))
            {
                return Named(text[NamedPrefix.Length..]);
            }
        }
        catch (ArgumentException ex)
        {
            throw new FormatException($"'{text}' is not an actor: {ex.Message}", ex);
        }

        throw new FormatException($"'{text}' is not an actor: expected 'member:ID' or 'named:NAME'.");
    }

    /// <summary>Returns the text form: <c>member:ID</c> or <c>named:NAME</c>.</summary>
    /// <returns>The text form.</returns>
    public override string ToString()
        => MemberId is { } m ? MemberPrefix + m.Value : NamedPrefix + (Name ?? "system");

    /// <summary>Reads and writes an actor as its text form (<c>member:ID</c> or <c>named:NAME</c>).</summary>
    internal sealed class ActorJsonConverter : JsonConverter<Actor>
    {
        /// <inheritdoc/>
        public override Actor Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            try
            {
                return Parse(reader.GetString() ?? throw new JsonException("An actor is a JSON string; found null."));
            }
            catch (FormatException ex)
            {
                throw new JsonException(ex.Message, ex);
            }
        }

        /// <inheritdoc/>
        public override void Write(Utf8JsonWriter writer, Actor value, JsonSerializerOptions options)
            => writer.WriteStringValue(value.ToString());
    }
}
