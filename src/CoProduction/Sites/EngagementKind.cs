using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CoProduction.Sites;

/// <summary>
/// What kind of engagement a member took part in (a reflection, a meeting, a workshop, or one of
/// the wider engagement activities of the paper's Table 2). The set is open, but every value is
/// a named code, never free text: use the well-known values or <see cref="Named"/>.
/// </summary>
[JsonConverter(typeof(EngagementKindJsonConverter))]
public readonly record struct EngagementKind
{
    private EngagementKind(string code) => Code = code;

    /// <summary>Gets the kind's code, for example <c>reflection</c>.</summary>
    public string Code { get; }

    /// <summary>A reflection session (among researchers, with managers, or cross-site).</summary>
    public static EngagementKind Reflection { get; } = new("reflection");

    /// <summary>A meeting of the site's team or with its managers.</summary>
    public static EngagementKind Meeting { get; } = new("meeting");

    /// <summary>A workshop, for example a leadership-development workshop.</summary>
    public static EngagementKind Workshop { get; } = new("workshop");

    /// <summary>Engaging higher levels of the health system (provincial, national, global).</summary>
    public static EngagementKind HigherLevelEngagement { get; } = new("higher-level-engagement");

    /// <summary>Responding to a request from managers (advice, an analysis, a presentation).</summary>
    public static EngagementKind ManagerialRequest { get; } = new("managerial-request");

    /// <summary>Managers involved in wider activities: conferences, co-authored papers, teaching.</summary>
    public static EngagementKind WiderActivity { get; } = new("wider-activity");

    /// <summary>Linking research to teaching (teaching cases, courses).</summary>
    public static EngagementKind Teaching { get; } = new("teaching");

    /// <summary>A kind not in the well-known list, named by a code.</summary>
    /// <param name="code">A lower-case code of letters, digits and hyphens, for example <c>site-visit</c>.</param>
    /// <returns>The kind.</returns>
    /// <exception cref="ArgumentException"><paramref name="code"/> is not a valid code.</exception>
    public static EngagementKind Named(string code) => new(NamedCode.Require(code, "engagement kind"));

    /// <summary>Returns the code.</summary>
    /// <returns>The code.</returns>
    public override string ToString() => Code ?? string.Empty;

    /// <summary>Reads and writes an engagement kind as its code.</summary>
    internal sealed class EngagementKindJsonConverter : JsonConverter<EngagementKind>
    {
        /// <inheritdoc/>
        public override EngagementKind Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            => NamedCode.Read(ref reader, Named);

        /// <inheritdoc/>
        public override void Write(Utf8JsonWriter writer, EngagementKind value, JsonSerializerOptions options)
            => writer.WriteStringValue(value.Code);
    }
}
