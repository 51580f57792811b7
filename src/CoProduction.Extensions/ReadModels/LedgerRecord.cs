using CoProduction.Ledger;
using NodaTime;

namespace CoProduction.ReadModels;

/// <summary>
/// One record of the ledger as the <c>coproduction.ledger</c> projection keeps it: what it is, where and when, whether it
/// is retracted, what it draws on, and the figures the ledger's totals add up (effort and cost for an engagement, manager
/// co-authorship for an output, kind, level and standing for an impact).
/// </summary>
/// <remarks>
/// A retracted record stays in the ledger and in every trail, marked <see cref="IsRetracted"/>; the totals leave it out.
/// The fields of another kind of record are <see langword="null"/>, empty or <see langword="false"/>.
/// </remarks>
/// <param name="Reference">The record's kind and id.</param>
/// <param name="Site">The site that recorded it.</param>
/// <param name="Sites">The sites it involves: the recording site, then for an engagement its participants' sites, each once.</param>
/// <param name="Title">What it is: an insight's or an impact's statement, an engagement's or an output's title.</param>
/// <param name="On">The day it was learnt, happened, was published or was seen.</param>
/// <param name="IsRetracted">Whether it was retracted.</param>
/// <param name="DrawsOn">
/// What it links to, as recorded: an insight the insights it builds on; an engagement and an output the insights they
/// draw on; an impact its outputs, engagements and insights, in that order.
/// </param>
/// <param name="EngagementKind">An engagement's kind (Table 2); otherwise <see langword="null"/>.</param>
/// <param name="Effort">An engagement's person-hours per site, sites in the order their first entry came.</param>
/// <param name="Costs">An engagement's costs per site and currency, in the order their first entry came.</param>
/// <param name="OutputKind">An output's kind; otherwise <see langword="null"/>.</param>
/// <param name="HasManagerCoAuthor">Whether an output has a manager among its authors.</param>
/// <param name="ImpactKind">An impact's kind, instrumental or conceptual; otherwise <see langword="null"/>.</param>
/// <param name="ImpactLevel">The level of the system where an impact was seen; otherwise <see langword="null"/>.</param>
/// <param name="ImpactStatus">An impact's standing: claimed, corroborated or retracted; otherwise <see langword="null"/>.</param>
/// <param name="Version">The record's aggregate version: how many events it has.</param>
/// <param name="Position">The global position of the record's last event the projection folded.</param>
public sealed record LedgerRecord(
    LedgerReference Reference,
    SiteId Site,
    ValueList<SiteId> Sites,
    string Title,
    LocalDate On,
    bool IsRetracted,
    ValueList<LedgerReference> DrawsOn,
    WiderEngagementKind? EngagementKind,
    ValueList<LedgerEffort> Effort,
    ValueList<LedgerCost> Costs,
    OutputKind? OutputKind,
    bool HasManagerCoAuthor,
    ImpactKind? ImpactKind,
    SystemLevel? ImpactLevel,
    ImpactStatus? ImpactStatus,
    long Version,
    long Position);
