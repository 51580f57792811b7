using CoProduction.Protocols;
using NodaTime;

namespace CoProduction.ReadModels;

/// <summary>
/// A protocol as the register keeps it: identity, standing now and its dated timeline, every approved version with its
/// scope, the approval periods, the amendments awaiting a decision and every site it names, as of one event of its stream.
/// </summary>
/// <remarks>
/// Summarized from the protocol's own state (<see cref="ProtocolState"/>); ask the domain (<see cref="ProtocolState.StatusOn"/>,
/// <see cref="ProtocolState.VersionInForceOn"/>) for a date, as <see cref="IProtocolRegister.ApprovedOnAsync"/> does.
/// </remarks>
/// <param name="Id">The protocol's id.</param>
/// <param name="Title">The title.</param>
/// <param name="Kind">Main, sub-study or umbrella.</param>
/// <param name="Parent">The parent protocol of a sub-study.</param>
/// <param name="Committee">The reviewing committee.</param>
/// <param name="Status">The machine's stage now (<see cref="ProtocolState.Status"/>).</param>
/// <param name="Timeline">The dated standing changes since approval, in date order.</param>
/// <param name="Versions">Every approved version, oldest first.</param>
/// <param name="Approvals">The approval periods, oldest first.</param>
/// <param name="ApprovalEnd">The last day of the current approval; <see langword="null"/> before approval.</param>
/// <param name="Pending">The amendments lodged and awaiting a decision.</param>
/// <param name="ProposedScope">The scope as drafted or last revised.</param>
/// <param name="Sites">Every site a version or the proposed scope names, sorted.</param>
/// <param name="Version">The aggregate's version (its stream's last event number).</param>
/// <param name="Position">The global position of the stream's last event the register folded.</param>
public sealed record ProtocolEntry(
    ProtocolId Id,
    string Title,
    ProtocolKind Kind,
    ProtocolId? Parent,
    CommitteeId Committee,
    ProtocolStatus Status,
    ValueList<StatusChange> Timeline,
    ValueList<ProtocolVersionEntry> Versions,
    ValueList<ApprovalPeriod> Approvals,
    LocalDate? ApprovalEnd,
    ValueList<PendingAmendment> Pending,
    ProtocolScope ProposedScope,
    ValueList<SiteId> Sites,
    long Version,
    long Position);

/// <summary>One approved version of a protocol, as the register keeps it.</summary>
/// <param name="Number">1 for the first approval, then one more per applied amendment.</param>
/// <param name="InForceFrom">The first date it applies.</param>
/// <param name="ApprovedOn">The committee's approval date.</param>
/// <param name="Amendment">The amendment that produced it; <see langword="null"/> for version 1.</param>
/// <param name="Scope">What it permits: methods, respondent groups, sites.</param>
public sealed record ProtocolVersionEntry(int Number, LocalDate InForceFrom, LocalDate ApprovedOn, AmendmentId? Amendment, ProtocolScope Scope);
