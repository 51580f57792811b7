using System;
using System.Collections.Generic;
using System.Globalization;
using CoProduction.Cycles;
using CoProduction.Ethics;
using CoProduction.Ledger;
using CoProduction.Programmes;
using CoProduction.Protocols;
using CoProduction.Scheduling;
using CoProduction.Sites;

namespace CoProduction.Access;

/// <summary>
/// What a command needs: the aggregate it addresses, the command (its trigger, or <c>create</c>) and the rule that
/// says who may give it. Every trigger of every aggregate and every creation names one (<see cref="For"/>, <see cref="ForCreation"/>).
/// </summary>
/// <param name="Aggregate">The aggregate's stream category, for example <c>cycle</c>.</param>
/// <param name="Command">The command: its trigger's name (for example <c>EndorsePlan</c>) or <c>create</c>.</param>
/// <param name="Rule">Who may give it.</param>
public sealed record Permission(string Aggregate, string Command, AccessRule Rule)
{
    /// <summary>The command name of an aggregate's creation.</summary>
    public const string Create = "create";

    private static readonly Dictionary<string, AccessRule> Creations = new(StringComparer.Ordinal)
    {
        [Cycle.StreamCategory] = AccessRule.SiteTeam,
        [Protocol.StreamCategory] = AccessRule.SiteResearcher,
        [Amendment.StreamCategory] = AccessRule.PrincipalInvestigator,
        [LearningSite.StreamCategory] = AccessRule.Administration,
        [Programme.StreamCategory] = AccessRule.Administration,
        [MeetingSeries.StreamCategory] = AccessRule.SiteTeam,
        [ProtocolDeviation.StreamCategory] = AccessRule.SiteTeam,
        [EthicalDilemma.StreamCategory] = AccessRule.SiteTeam,
        [Insight.StreamCategory] = AccessRule.SiteTeam,
        [Impact.StreamCategory] = AccessRule.SiteTeam,
        [Output.StreamCategory] = AccessRule.SiteTeam,
        [WiderEngagement.StreamCategory] = AccessRule.SiteTeam,
    };

    /// <summary>Gets the permission's name, for example <c>cycle.EndorsePlan</c>.</summary>
    public string Name => Aggregate + "." + Command;

    /// <summary>Gets every permission: each aggregate's creation and each of its triggers, in a stable order.</summary>
    public static IReadOnlyList<Permission> All { get; } = BuildAll();

    /// <summary>The permission a command with this trigger needs.</summary>
    /// <param name="trigger">A trigger of one of the library's aggregates, for example <see cref="CycleTrigger.EndorsePlan"/>.</param>
    /// <returns>The permission.</returns>
    /// <exception cref="ArgumentException">The trigger is not one of the library's aggregates' triggers.</exception>
    public static Permission For(Enum trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        var (aggregate, rule) = trigger switch
        {
            CycleTrigger.EndorsePlan => (Cycle.StreamCategory, AccessRule.EndorsingMember),
            CycleTrigger t when Enum.IsDefined(t) => (Cycle.StreamCategory, AccessRule.SiteTeam),
            ProtocolTrigger.Revise or ProtocolTrigger.Submit or ProtocolTrigger.Withdraw or ProtocolTrigger.Renew or ProtocolTrigger.Close
                or ProtocolTrigger.DraftAmendment or ProtocolTrigger.LodgeAmendment => (Protocol.StreamCategory, AccessRule.PrincipalInvestigator),
            ProtocolTrigger.StartReview or ProtocolTrigger.RequestChanges or ProtocolTrigger.Approve or ProtocolTrigger.Reject
                or ProtocolTrigger.Suspend or ProtocolTrigger.Reinstate => (Protocol.StreamCategory, AccessRule.Committee),
            ProtocolTrigger.RecordConsent => (Protocol.StreamCategory, AccessRule.PrincipalInvestigator),
            ProtocolTrigger.ReleaseAmendment or ProtocolTrigger.ApplyAmendment or ProtocolTrigger.WithdrawConsent => (Protocol.StreamCategory, AccessRule.ProtocolParties),
            ProtocolTrigger.ObserveExpiry => (Protocol.StreamCategory, AccessRule.System),
            AmendmentTrigger.Revise or AmendmentTrigger.Rebase or AmendmentTrigger.Submit or AmendmentTrigger.Withdraw
                => (Amendment.StreamCategory, AccessRule.PrincipalInvestigator),
            AmendmentTrigger t when Enum.IsDefined(t) => (Amendment.StreamCategory, AccessRule.Committee),
            SiteTrigger t when Enum.IsDefined(t) => (LearningSite.StreamCategory, AccessRule.SiteAdministration),
            ProgrammeTrigger t when Enum.IsDefined(t) => (Programme.StreamCategory, AccessRule.Administration),
            OccurrenceTrigger t when Enum.IsDefined(t) => (MeetingSeries.StreamCategory, AccessRule.SiteTeam),
            DeviationTrigger.Report => (ProtocolDeviation.StreamCategory, AccessRule.PrincipalInvestigator),
            DeviationTrigger.Close => (ProtocolDeviation.StreamCategory, AccessRule.ProtocolParties),
            DilemmaTrigger t when Enum.IsDefined(t) => (EthicalDilemma.StreamCategory, AccessRule.SiteTeam),
            InsightTrigger t when Enum.IsDefined(t) => (Insight.StreamCategory, AccessRule.SiteTeam),
            ImpactTrigger t when Enum.IsDefined(t) => (Impact.StreamCategory, AccessRule.SiteTeam),
            OutputTrigger t when Enum.IsDefined(t) => (Output.StreamCategory, AccessRule.SiteTeam),
            WiderEngagementTrigger t when Enum.IsDefined(t) => (WiderEngagement.StreamCategory, AccessRule.SiteTeam),
            _ => throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{trigger.GetType().Name}.{trigger} is not a trigger of the library's aggregates; no permission names it."),
                nameof(trigger)),
        };
        return new Permission(aggregate, trigger.ToString(), rule);
    }

    /// <summary>The permission creating an aggregate of a category needs.</summary>
    /// <param name="aggregate">The stream category, for example <c>cycle</c>.</param>
    /// <returns>The permission.</returns>
    /// <exception cref="ArgumentException">The category is not one of the library's aggregates.</exception>
    public static Permission ForCreation(string aggregate)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        return Creations.TryGetValue(aggregate, out var rule)
            ? new Permission(aggregate, Create, rule)
            : throw new ArgumentException($"'{aggregate}' is not a category of the library's aggregates ({string.Join(", ", Creations.Keys)}).", nameof(aggregate));
    }

    /// <summary>Returns <see cref="Name"/>.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => Name;

    private static List<Permission> BuildAll()
    {
        var all = new List<Permission>();
        foreach (var category in Creations.Keys)
        {
            all.Add(ForCreation(category));
        }

        Add<CycleTrigger>(all);
        Add<ProtocolTrigger>(all);
        Add<AmendmentTrigger>(all);
        Add<SiteTrigger>(all);
        Add<ProgrammeTrigger>(all);
        Add<OccurrenceTrigger>(all);
        Add<DeviationTrigger>(all);
        Add<DilemmaTrigger>(all);
        Add<InsightTrigger>(all);
        Add<ImpactTrigger>(all);
        Add<OutputTrigger>(all);
        Add<WiderEngagementTrigger>(all);
        return all;
    }

    private static void Add<TTrigger>(List<Permission> all)
        where TTrigger : struct, Enum
    {
        foreach (var trigger in Enum.GetValues<TTrigger>())
        {
            all.Add(For(trigger));
        }
    }
}
