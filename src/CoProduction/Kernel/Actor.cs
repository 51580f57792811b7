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
    private const string SystemName = "system";

    private Actor(MemberId? member, string? name, bool system = false)
    {
        MemberId = member;
        Name = name;
        IsSystem = system;
    }

    /// <summary>Gets the member who acted, or <see langword="null"/> for a named actor.</summary>
    public MemberId? MemberId { get; }

    /// <summary>Gets the name of a named actor, or <see langword="null"/> for a member.</summary>
    public string? Name { get; }

    /// <summary>Gets a value indicating whether the actor is a member of a site's team.</summary>
    public bool IsMember => MemberId is not null;

    /// <summary>Gets a value indicating whether this is <see cref="System"/>, the library's own sweeps: no name an app gives equals it.</summary>
    public bool IsSystem { get; }

    /// <summary>Gets a value indicating whether this is <c>default(Actor)</c>, which names no one and is refused by every command.</summary>
    public bool IsDefault => MemberId is null && Name is null;

    /// <summary>The actor used by sweeps and schedules that the library runs itself; <see cref="Named"/> refuses its name, so no app can act as it.</summary>
    public static Actor System { get; } = new(null, SystemName, system: true);

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
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid name, or is <c>system</c> (in any case), which is reserved for <see cref="System"/>.</exception>
    public static Actor Named(string name)
    {
        var checkedName = StringId.Require(name, "actor name", InputLimits.ActorNameLength);
        if (string.Equals(checkedName, SystemName, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"The actor name '{checkedName}' is reserved for Actor.System, the library's own sweeps: name the app's actor otherwise (for example 'research-office').", nameof(name));
        }

        return new(null, checkedName);
    }

    /// <summary>
    /// The one check that an actor an app configures (an administrator, a reviewer, an endorsement delegate) names
    /// someone: a member or a named actor, never <see cref="System"/> (the library's sweeps) nor <c>default(Actor)</c> (no one).
    /// </summary>
    /// <param name="what">What the actor is to be, as the start of a sentence, for example <c>An administrator</c>.</param>
    /// <param name="paramName">The parameter that gave it.</param>
    /// <returns>This actor.</returns>
    /// <exception cref="ArgumentException">The actor is <see cref="System"/> or <c>default(Actor)</c>.</exception>
    internal Actor RequireSomeone(string what, string paramName)
        => IsDefault || IsSystem
            ? throw new ArgumentException($"{what} is a member or a named actor; {(IsSystem ? "the system actor is reserved for the library's sweeps" : "default(Actor) names no one")}.", paramName)
            : this;

    /// <summary>Parses the text form written by <see cref="ToString"/>.</summary>
    /// <param name="text"><c>member:ID</c> or <c>named:NAME</c>; <c>named:system</c> is <see cref="System"/>.</param>
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
                // The system actor's text form is named:system; only it reads back as the system.
                return string.Equals(text[NamedPrefix.Length..], SystemName, StringComparison.Ordinal) ? System : Named(text[NamedPrefix.Length..]);
            }
        }
        catch (ArgumentException ex)
        {
            throw new FormatException($"'{text}' is not an actor: {ex.Message}", ex);
        }

        throw new FormatException($"'{text}' is not an actor: expected 'member:ID' or 'named:NAME'.");
    }

    /// <summary>Returns the text form: <c>member:ID</c> or <c>named:NAME</c> (<c>(no actor)</c> for <c>default(Actor)</c>, which no parse reads back).</summary>
    /// <returns>The text form.</returns>
    public override string ToString()
        => MemberId is { } m ? MemberPrefix + m.Value : Name is { } name ? NamedPrefix + name : "(no actor)";

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
