using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CoProduction.Protocols;

/// <summary>
/// A way of collecting research data, named by a stable lower-case code. The set is open, but
/// every value is named, never free text: use the well-known values or <see cref="Named"/>.
/// </summary>
[JsonConverter(typeof(DataCollectionMethodJsonConverter))]
public readonly record struct DataCollectionMethod
{
    private DataCollectionMethod(string code) => Code = code;

    /// <summary>Gets the method's code, for example <c>journaling</c>.</summary>
    public string Code { get; }

    /// <summary>Non-participant or participant observation of meetings and practice.</summary>
    public static DataCollectionMethod Observation { get; } = new("observation");

    /// <summary>Review of documents: minutes, plans, reports.</summary>
    public static DataCollectionMethod DocumentReview { get; } = new("document-review");

    /// <summary>In-depth or semi-structured interviews.</summary>
    public static DataCollectionMethod Interview { get; } = new("interview");

    /// <summary>Reflective-practice discussions with managers.</summary>
    public static DataCollectionMethod ReflectivePracticeDiscussion { get; } = new("reflective-practice-discussion");

    /// <summary>Journals kept by participants (for example facility managers).</summary>
    public static DataCollectionMethod Journaling { get; } = new("journaling");

    /// <summary>Diaries kept by participants.</summary>
    public static DataCollectionMethod Diary { get; } = new("diary");

    /// <summary>Observation of workshops, for example leadership-development workshops.</summary>
    public static DataCollectionMethod WorkshopObservation { get; } = new("workshop-observation");

    /// <summary>Group discussions with a topic guide.</summary>
    public static DataCollectionMethod FocusGroup { get; } = new("focus-group");

    /// <summary>Questionnaires and structured surveys.</summary>
    public static DataCollectionMethod Survey { get; } = new("survey");

    /// <summary>A method not in the well-known list, named by a code.</summary>
    /// <param name="code">A lower-case code of letters, digits and hyphens, for example <c>photovoice</c>.</param>
    /// <returns>The method.</returns>
    /// <exception cref="ArgumentException"><paramref name="code"/> is not a valid code.</exception>
    public static DataCollectionMethod Named(string code) => new(NamedCode.Require(code, "data-collection method"));

    /// <summary>Returns the code.</summary>
    /// <returns>The code.</returns>
    public override string ToString() => Code ?? string.Empty;

    /// <summary>Reads and writes a data-collection method as its code.</summary>
    internal sealed class DataCollectionMethodJsonConverter : JsonConverter<DataCollectionMethod>
    {
        /// <inheritdoc/>
        public override DataCollectionMethod Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            => NamedCode.Read(ref reader, Named);

        /// <inheritdoc/>
        public override void Write(Utf8JsonWriter writer, DataCollectionMethod value, JsonSerializerOptions options)
            => writer.WriteStringValue(value.Code);
    }
}
