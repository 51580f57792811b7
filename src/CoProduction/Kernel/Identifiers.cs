using System.Text.Json.Serialization;

namespace CoProduction;

/// <summary>Identifies a multi-year, multi-site research programme (for example <c>resyst</c>).</summary>
[JsonConverter(typeof(StringIdJsonConverter<ProgrammeId>))]
public readonly record struct ProgrammeId : IStringId<ProgrammeId>
{
    /// <summary>Creates the identifier.</summary>
    /// <param name="value">The identifier's text (see <see cref="IStringId{TSelf}.From"/> for the rules).</param>
    /// <exception cref="System.ArgumentException"><paramref name="value"/> is null, empty, padded or too long.</exception>
    public ProgrammeId(string value) => Value = StringId.Require(value, nameof(ProgrammeId));

    /// <inheritdoc/>
    public string Value { get; }

    /// <inheritdoc/>
    public static ProgrammeId From(string value) => new(value);

    /// <summary>Returns the identifier's text.</summary>
    /// <returns>The identifier's text, or an empty string for <c>default</c>.</returns>
    public override string ToString() => Value ?? string.Empty;
}

/// <summary>Identifies a learning site (for example <c>kilifi</c>, <c>mitchells-plain</c>, <c>sedibeng</c>).</summary>
[JsonConverter(typeof(StringIdJsonConverter<SiteId>))]
public readonly record struct SiteId : IStringId<SiteId>
{
    /// <summary>Creates the identifier.</summary>
    /// <param name="value">The identifier's text (see <see cref="IStringId{TSelf}.From"/> for the rules).</param>
    /// <exception cref="System.ArgumentException"><paramref name="value"/> is null, empty, padded or too long.</exception>
    public SiteId(string value) => Value = StringId.Require(value, nameof(SiteId));

    /// <inheritdoc/>
    public string Value { get; }

    /// <inheritdoc/>
    public static SiteId From(string value) => new(value);

    /// <summary>Returns the identifier's text.</summary>
    /// <returns>The identifier's text, or an empty string for <c>default</c>.</returns>
    public override string ToString() => Value ?? string.Empty;
}

/// <summary>Identifies a person who is, or was, a member of a learning site's team.</summary>
[JsonConverter(typeof(StringIdJsonConverter<MemberId>))]
public readonly record struct MemberId : IStringId<MemberId>
{
    /// <summary>Creates the identifier.</summary>
    /// <param name="value">The identifier's text (see <see cref="IStringId{TSelf}.From"/> for the rules).</param>
    /// <exception cref="System.ArgumentException"><paramref name="value"/> is null, empty, padded or too long.</exception>
    public MemberId(string value) => Value = StringId.Require(value, nameof(MemberId));

    /// <inheritdoc/>
    public string Value { get; }

    /// <inheritdoc/>
    public static MemberId From(string value) => new(value);

    /// <summary>Returns the identifier's text.</summary>
    /// <returns>The identifier's text, or an empty string for <c>default</c>.</returns>
    public override string ToString() => Value ?? string.Empty;
}

/// <summary>Identifies an action-learning cycle.</summary>
[JsonConverter(typeof(StringIdJsonConverter<CycleId>))]
public readonly record struct CycleId : IStringId<CycleId>
{
    /// <summary>Creates the identifier.</summary>
    /// <param name="value">The identifier's text (see <see cref="IStringId{TSelf}.From"/> for the rules).</param>
    /// <exception cref="System.ArgumentException"><paramref name="value"/> is null, empty, padded or too long.</exception>
    public CycleId(string value) => Value = StringId.Require(value, nameof(CycleId));

    /// <inheritdoc/>
    public string Value { get; }

    /// <inheritdoc/>
    public static CycleId From(string value) => new(value);

    /// <summary>Returns the identifier's text.</summary>
    /// <returns>The identifier's text, or an empty string for <c>default</c>.</returns>
    public override string ToString() => Value ?? string.Empty;
}

/// <summary>Identifies a planned activity inside an action-learning cycle.</summary>
[JsonConverter(typeof(StringIdJsonConverter<ActivityId>))]
public readonly record struct ActivityId : IStringId<ActivityId>
{
    /// <summary>Creates the identifier.</summary>
    /// <param name="value">The identifier's text (see <see cref="IStringId{TSelf}.From"/> for the rules).</param>
    /// <exception cref="System.ArgumentException"><paramref name="value"/> is null, empty, padded or too long.</exception>
    public ActivityId(string value) => Value = StringId.Require(value, nameof(ActivityId));

    /// <inheritdoc/>
    public string Value { get; }

    /// <inheritdoc/>
    public static ActivityId From(string value) => new(value);

    /// <summary>Returns the identifier's text.</summary>
    /// <returns>The identifier's text, or an empty string for <c>default</c>.</returns>
    public override string ToString() => Value ?? string.Empty;
}

/// <summary>Identifies a science/ethics protocol (for example <c>KWTRP-2</c>).</summary>
[JsonConverter(typeof(StringIdJsonConverter<ProtocolId>))]
public readonly record struct ProtocolId : IStringId<ProtocolId>
{
    /// <summary>Creates the identifier.</summary>
    /// <param name="value">The identifier's text (see <see cref="IStringId{TSelf}.From"/> for the rules).</param>
    /// <exception cref="System.ArgumentException"><paramref name="value"/> is null, empty, padded or too long.</exception>
    public ProtocolId(string value) => Value = StringId.Require(value, nameof(ProtocolId));

    /// <inheritdoc/>
    public string Value { get; }

    /// <inheritdoc/>
    public static ProtocolId From(string value) => new(value);

    /// <summary>Returns the identifier's text.</summary>
    /// <returns>The identifier's text, or an empty string for <c>default</c>.</returns>
    public override string ToString() => Value ?? string.Empty;
}

/// <summary>Identifies an amendment to a science/ethics protocol.</summary>
[JsonConverter(typeof(StringIdJsonConverter<AmendmentId>))]
public readonly record struct AmendmentId : IStringId<AmendmentId>
{
    /// <summary>Creates the identifier.</summary>
    /// <param name="value">The identifier's text (see <see cref="IStringId{TSelf}.From"/> for the rules).</param>
    /// <exception cref="System.ArgumentException"><paramref name="value"/> is null, empty, padded or too long.</exception>
    public AmendmentId(string value) => Value = StringId.Require(value, nameof(AmendmentId));

    /// <inheritdoc/>
    public string Value { get; }

    /// <inheritdoc/>
    public static AmendmentId From(string value) => new(value);

    /// <summary>Returns the identifier's text.</summary>
    /// <returns>The identifier's text, or an empty string for <c>default</c>.</returns>
    public override string ToString() => Value ?? string.Empty;
}

/// <summary>Identifies a protocol deviation: research that happened outside approval.</summary>
[JsonConverter(typeof(StringIdJsonConverter<DeviationId>))]
public readonly record struct DeviationId : IStringId<DeviationId>
{
    /// <summary>Creates the identifier.</summary>
    /// <param name="value">The identifier's text (see <see cref="IStringId{TSelf}.From"/> for the rules).</param>
    /// <exception cref="System.ArgumentException"><paramref name="value"/> is null, empty, padded or too long.</exception>
    public DeviationId(string value) => Value = StringId.Require(value, nameof(DeviationId));

    /// <inheritdoc/>
    public string Value { get; }

    /// <inheritdoc/>
    public static DeviationId From(string value) => new(value);

    /// <summary>Returns the identifier's text.</summary>
    /// <returns>The identifier's text, or an empty string for <c>default</c>.</returns>
    public override string ToString() => Value ?? string.Empty;
}

/// <summary>Identifies an ethical dilemma raised during the research.</summary>
[JsonConverter(typeof(StringIdJsonConverter<DilemmaId>))]
public readonly record struct DilemmaId : IStringId<DilemmaId>
{
    /// <summary>Creates the identifier.</summary>
    /// <param name="value">The identifier's text (see <see cref="IStringId{TSelf}.From"/> for the rules).</param>
    /// <exception cref="System.ArgumentException"><paramref name="value"/> is null, empty, padded or too long.</exception>
    public DilemmaId(string value) => Value = StringId.Require(value, nameof(DilemmaId));

    /// <inheritdoc/>
    public string Value { get; }

    /// <inheritdoc/>
    public static DilemmaId From(string value) => new(value);

    /// <summary>Returns the identifier's text.</summary>
    /// <returns>The identifier's text, or an empty string for <c>default</c>.</returns>
    public override string ToString() => Value ?? string.Empty;
}

/// <summary>Identifies an insight a team learnt.</summary>
[JsonConverter(typeof(StringIdJsonConverter<InsightId>))]
public readonly record struct InsightId : IStringId<InsightId>
{
    /// <summary>Creates the identifier.</summary>
    /// <param name="value">The identifier's text (see <see cref="IStringId{TSelf}.From"/> for the rules).</param>
    /// <exception cref="System.ArgumentException"><paramref name="value"/> is null, empty, padded or too long.</exception>
    public InsightId(string value) => Value = StringId.Require(value, nameof(InsightId));

    /// <inheritdoc/>
    public string Value { get; }

    /// <inheritdoc/>
    public static InsightId From(string value) => new(value);

    /// <summary>Returns the identifier's text.</summary>
    /// <returns>The identifier's text, or an empty string for <c>default</c>.</returns>
    public override string ToString() => Value ?? string.Empty;
}

/// <summary>Identifies an engagement of the wider activities (the paper's Table 2) recorded in the ledger.</summary>
[JsonConverter(typeof(StringIdJsonConverter<EngagementId>))]
public readonly record struct EngagementId : IStringId<EngagementId>
{
    /// <summary>Creates the identifier.</summary>
    /// <param name="value">The identifier's text (see <see cref="IStringId{TSelf}.From"/> for the rules).</param>
    /// <exception cref="System.ArgumentException"><paramref name="value"/> is null, empty, padded or too long.</exception>
    public EngagementId(string value) => Value = StringId.Require(value, nameof(EngagementId));

    /// <inheritdoc/>
    public string Value { get; }

    /// <inheritdoc/>
    public static EngagementId From(string value) => new(value);

    /// <summary>Returns the identifier's text.</summary>
    /// <returns>The identifier's text, or an empty string for <c>default</c>.</returns>
    public override string ToString() => Value ?? string.Empty;
}

/// <summary>Identifies an output of the work: a paper, a teaching case, a presentation, a policy brief or a curriculum.</summary>
[JsonConverter(typeof(StringIdJsonConverter<OutputId>))]
public readonly record struct OutputId : IStringId<OutputId>
{
    /// <summary>Creates the identifier.</summary>
    /// <param name="value">The identifier's text (see <see cref="IStringId{TSelf}.From"/> for the rules).</param>
    /// <exception cref="System.ArgumentException"><paramref name="value"/> is null, empty, padded or too long.</exception>
    public OutputId(string value) => Value = StringId.Require(value, nameof(OutputId));

    /// <inheritdoc/>
    public string Value { get; }

    /// <inheritdoc/>
    public static OutputId From(string value) => new(value);

    /// <summary>Returns the identifier's text.</summary>
    /// <returns>The identifier's text, or an empty string for <c>default</c>.</returns>
    public override string ToString() => Value ?? string.Empty;
}

/// <summary>Identifies an impact claimed for the work: a policy, law or practice changed, or a way of thinking.</summary>
[JsonConverter(typeof(StringIdJsonConverter<ImpactId>))]
public readonly record struct ImpactId : IStringId<ImpactId>
{
    /// <summary>Creates the identifier.</summary>
    /// <param name="value">The identifier's text (see <see cref="IStringId{TSelf}.From"/> for the rules).</param>
    /// <exception cref="System.ArgumentException"><paramref name="value"/> is null, empty, padded or too long.</exception>
    public ImpactId(string value) => Value = StringId.Require(value, nameof(ImpactId));

    /// <inheritdoc/>
    public string Value { get; }

    /// <inheritdoc/>
    public static ImpactId From(string value) => new(value);

    /// <summary>Returns the identifier's text.</summary>
    /// <returns>The identifier's text, or an empty string for <c>default</c>.</returns>
    public override string ToString() => Value ?? string.Empty;
}

/// <summary>Identifies an ethics review committee.</summary>
[JsonConverter(typeof(StringIdJsonConverter<CommitteeId>))]
public readonly record struct CommitteeId : IStringId<CommitteeId>
{
    /// <summary>Creates the identifier.</summary>
    /// <param name="value">The identifier's text (see <see cref="IStringId{TSelf}.From"/> for the rules).</param>
    /// <exception cref="System.ArgumentException"><paramref name="value"/> is null, empty, padded or too long.</exception>
    public CommitteeId(string value) => Value = StringId.Require(value, nameof(CommitteeId));

    /// <inheritdoc/>
    public string Value { get; }

    /// <inheritdoc/>
    public static CommitteeId From(string value) => new(value);

    /// <summary>Returns the identifier's text.</summary>
    /// <returns>The identifier's text, or an empty string for <c>default</c>.</returns>
    public override string ToString() => Value ?? string.Empty;
}

/// <summary>Identifies a series of meetings on a cadence.</summary>
[JsonConverter(typeof(StringIdJsonConverter<SeriesId>))]
public readonly record struct SeriesId : IStringId<SeriesId>
{
    /// <summary>Creates the identifier.</summary>
    /// <param name="value">The identifier's text (see <see cref="IStringId{TSelf}.From"/> for the rules).</param>
    /// <exception cref="System.ArgumentException"><paramref name="value"/> is null, empty, padded or too long.</exception>
    public SeriesId(string value) => Value = StringId.Require(value, nameof(SeriesId));

    /// <inheritdoc/>
    public string Value { get; }

    /// <inheritdoc/>
    public static SeriesId From(string value) => new(value);

    /// <summary>Returns the identifier's text.</summary>
    /// <returns>The identifier's text, or an empty string for <c>default</c>.</returns>
    public override string ToString() => Value ?? string.Empty;
}

/// <summary>
/// Identifies a research participant by a study code (for example <c>mp-fm-07</c>), never by name: consent is
/// recorded and checked under this code, so a participant's identity stays with the research team.
/// </summary>
[JsonConverter(typeof(StringIdJsonConverter<ParticipantId>))]
public readonly record struct ParticipantId : IStringId<ParticipantId>
{
    /// <summary>Creates the identifier.</summary>
    /// <param name="value">The identifier's text (see <see cref="IStringId{TSelf}.From"/> for the rules).</param>
    /// <exception cref="System.ArgumentException"><paramref name="value"/> is null, empty, padded or too long.</exception>
    public ParticipantId(string value) => Value = StringId.Require(value, nameof(ParticipantId));

    /// <inheritdoc/>
    public string Value { get; }

    /// <inheritdoc/>
    public static ParticipantId From(string value) => new(value);

    /// <summary>Returns the identifier's text.</summary>
    /// <returns>The identifier's text, or an empty string for <c>default</c>.</returns>
    public override string ToString() => Value ?? string.Empty;
}
