using System;
using CoProduction.Ledger;

namespace CoProduction.ReadModels;

/// <summary>
/// Names one record of the ledger by its kind and id, as a link names what it draws on. A reference may name a record the
/// ledger does not hold (an id recorded before or without its target): the ledger shows it as unresolved, never follows it.
/// </summary>
/// <param name="Kind">Which kind of record.</param>
/// <param name="Id">The record's id, as its aggregate's id type holds it.</param>
public readonly record struct LedgerReference(LedgerRecordKind Kind, string Id)
{
    /// <summary>The reference of an insight.</summary>
    /// <param name="insight">The insight's id.</param>
    /// <returns>The reference.</returns>
    /// <exception cref="ArgumentException">A default id.</exception>
    public static LedgerReference Of(InsightId insight) => new(LedgerRecordKind.Insight, Preconditions.CheckId(insight, nameof(insight)).Value);

    /// <summary>The reference of a wider engagement.</summary>
    /// <param name="engagement">The engagement's id.</param>
    /// <returns>The reference.</returns>
    /// <exception cref="ArgumentException">A default id.</exception>
    public static LedgerReference Of(EngagementId engagement) => new(LedgerRecordKind.Engagement, Preconditions.CheckId(engagement, nameof(engagement)).Value);

    /// <summary>The reference of an output.</summary>
    /// <param name="output">The output's id.</param>
    /// <returns>The reference.</returns>
    /// <exception cref="ArgumentException">A default id.</exception>
    public static LedgerReference Of(OutputId output) => new(LedgerRecordKind.Output, Preconditions.CheckId(output, nameof(output)).Value);

    /// <summary>The reference of an impact.</summary>
    /// <param name="impact">The impact's id.</param>
    /// <returns>The reference.</returns>
    /// <exception cref="ArgumentException">A default id.</exception>
    public static LedgerReference Of(ImpactId impact) => new(LedgerRecordKind.Impact, Preconditions.CheckId(impact, nameof(impact)).Value);

    /// <summary>The key of the record's document: its aggregate's stream id, <c>{category}-{id}</c>.</summary>
    internal string Key => Kind switch
    {
        LedgerRecordKind.Insight => Insight.StreamCategory,
        LedgerRecordKind.Engagement => WiderEngagement.StreamCategory,
        LedgerRecordKind.Output => Output.StreamCategory,
        _ => Impact.StreamCategory,
    } + "-" + Id;

    /// <summary>Returns the kind and the id, for example <c>Insight kilifi-user-fees</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Kind} {Id}";

    /// <summary>Checks a reference given to a query.</summary>
    internal static LedgerReference Check(LedgerReference reference, string name)
    {
        Preconditions.CheckDefined(reference.Kind, name);
        if (string.IsNullOrWhiteSpace(reference.Id))
        {
            throw new ArgumentException("A ledger reference names a record's id; use LedgerReference.Of(new InsightId(\"…\")) or the overload for the record's kind.", name);
        }

        return reference;
    }
}
