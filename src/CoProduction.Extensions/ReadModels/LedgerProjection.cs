using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Events;
using CoProduction.Ledger;
using CoProduction.Programmes;
using CoProduction.Projections;

namespace CoProduction.ReadModels;

/// <summary>
/// The ledger: one <see cref="LedgerRecord"/> per insight, wider engagement, output and impact, summarized from the
/// aggregate's own state after each event, and each programme's sites. Indexed by site (every site a record involves, and
/// its recording site alone), by the records each one links to (for trails forward), and, for records not retracted, by
/// what the totals add up: an engagement by site, year and kind; an impact by site, kind, level and standing; an output by
/// site and manager co-authorship.
/// </summary>
internal sealed class LedgerProjection() : DocumentProjection<LedgerDocument>(new LedgerJson(ReadModelJson.Options()).LedgerDocument)
{
    /// <summary>The projection's name.</summary>
    public const string ProjectionName = "coproduction.ledger";

    /// <summary>Records by (site, kind number, day) under every site they involve.</summary>
    public const string SiteIndex = "site";

    /// <summary>Records by (recording site, kind number, day): each once, for a programme's pages.</summary>
    public const string HomeIndex = "home";

    /// <summary>Records by the key of each record they draw on: who links to a record.</summary>
    public const string LinkIndex = "link";

    /// <summary>Engagements not retracted by (site, year, kind) under every site they involve.</summary>
    public const string EffortIndex = "effort";

    /// <summary>Impacts not retracted by (site, kind, level, status).</summary>
    public const string ImpactIndex = "impact";

    /// <summary>Outputs not retracted by (site, <c>manager</c> or <c>none</c>).</summary>
    public const string OutputIndex = "output";

    /// <summary>The <see cref="OutputIndex"/> part of an output with a manager co-author.</summary>
    public const string WithManager = "manager";

    /// <summary>The <see cref="OutputIndex"/> part of an output without one.</summary>
    public const string WithoutManager = "none";

    /// <inheritdoc/>
    public override string Name => ProjectionName;

    /// <inheritdoc/>
    public override int Version => 1;

    /// <summary>The key of a programme's document.</summary>
    public static string ProgrammeKey(ProgrammeId programme) => "programme:" + programme.Value;

    /// <summary>A kind as an index part: its number, so that a site's records come in the enum's order (insights, engagements, outputs, impacts).</summary>
    public static string KindPart(LedgerRecordKind kind) => ((int)kind).ToString(CultureInfo.InvariantCulture);

    /// <summary>A year as an index part: four digits.</summary>
    public static string YearPart(int year) => year.ToString("D4", CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    protected override async ValueTask ApplyAsync(ProjectedEvent e, DocumentBatch<LedgerDocument> documents, CancellationToken cancellationToken)
    {
        var stream = e.Stored.Stream.Value;
        LedgerRecord? record = null;
        if (StreamId.IsOf(stream, Insight.StreamCategory))
        {
            record = Of(await documents.AggregateAsync<Insight>(e, cancellationToken).ConfigureAwait(false), e);
        }
        else if (StreamId.IsOf(stream, WiderEngagement.StreamCategory))
        {
            record = Of(await documents.AggregateAsync<WiderEngagement>(e, cancellationToken).ConfigureAwait(false), e);
        }
        else if (StreamId.IsOf(stream, Output.StreamCategory))
        {
            record = Of(await documents.AggregateAsync<Output>(e, cancellationToken).ConfigureAwait(false), e);
        }
        else if (StreamId.IsOf(stream, Impact.StreamCategory))
        {
            record = Of(await documents.AggregateAsync<Impact>(e, cancellationToken).ConfigureAwait(false), e);
        }
        else if (StreamId.IsOf(stream, Programme.StreamCategory))
        {
            var programme = (await documents.AggregateAsync<Programme>(e, cancellationToken).ConfigureAwait(false)).State;
            documents.Put(ProgrammeKey(programme.Id), new LedgerDocument(null, new LedgerProgramme(programme.Id, programme.Sites)));
        }

        if (record is not null)
        {
            documents.Put(stream, new LedgerDocument(record, null));
        }
    }

    /// <inheritdoc/>
    protected override IEnumerable<DocumentIndexEntry> Index(LedgerDocument document)
    {
        if (document.Record is not { } record)
        {
            yield break;
        }

        var kind = KindPart(record.Reference.Kind);
        var on = DocumentIndexEntry.Of(record.On);
        yield return new(HomeIndex, DocumentIndexEntry.Compose(record.Site.Value, kind, on));
        foreach (var site in record.Sites)
        {
            yield return new(SiteIndex, DocumentIndexEntry.Compose(site.Value, kind, on));
        }

        // A record names each link once (the recordings refuse repeats), so each key is indexed once.
        foreach (var key in record.DrawsOn.Select(static r => r.Key))
        {
            yield return new(LinkIndex, key);
        }

        if (record.IsRetracted)
        {
            yield break;
        }

        switch (record.Reference.Kind)
        {
            case LedgerRecordKind.Engagement:
                foreach (var site in record.Sites)
                {
                    yield return new(EffortIndex, DocumentIndexEntry.Compose(site.Value, YearPart(record.On.Year), record.EngagementKind!.Value.ToString()));
                }

                break;
            case LedgerRecordKind.Impact:
                yield return new(ImpactIndex, DocumentIndexEntry.Compose(record.Site.Value, record.ImpactKind!.Value.ToString(), record.ImpactLevel!.Value.ToString(), record.ImpactStatus!.Value.ToString()));
                break;
            case LedgerRecordKind.Output:
                yield return new(OutputIndex, DocumentIndexEntry.Compose(record.Site.Value, record.HasManagerCoAuthor ? WithManager : WithoutManager));
                break;
        }
    }


    private static LedgerRecord Blank(LedgerReference reference, SiteId site, ValueList<SiteId> sites, string title, NodaTime.LocalDate on, bool retracted, ValueList<LedgerReference> drawsOn, long version, ProjectedEvent last)
        => new(reference, site, sites, title, on, retracted, drawsOn, null, [], [], null, false, null, null, null, version, last.Stored.Position);

    private static LedgerRecord Of(Insight insight, ProjectedEvent last)
    {
        var state = insight.State;
        return Blank(
            LedgerReference.Of(state.Id), state.Site, [state.Site], state.Statement, state.On, state.Status == InsightStatus.Retracted,
            state.BuildsOn.Select(LedgerReference.Of).ToValueList(), insight.Version, last);
    }

    private static LedgerRecord Of(WiderEngagement engagement, ProjectedEvent last)
    {
        var state = engagement.State;
        var effort = new List<LedgerEffort>();
        foreach (var entry in state.Effort)
        {
            var i = effort.FindIndex(x => x.Site == entry.Site);
            if (i < 0)
            {
                effort.Add(new LedgerEffort(entry.Site, entry.PersonHours));
            }
            else
            {
                effort[i] = effort[i] with { PersonHours = effort[i].PersonHours + entry.PersonHours };
            }
        }

        var costs = new List<LedgerCost>();
        foreach (var entry in state.Costs)
        {
            var i = costs.FindIndex(x => x.Site == entry.Site && x.Amount.Currency == entry.Amount.Currency);
            if (i < 0)
            {
                costs.Add(new LedgerCost(entry.Site, entry.Amount));
            }
            else
            {
                costs[i] = costs[i] with { Amount = Money.Sum(costs[i].Amount, entry.Amount) };
            }
        }

        return Blank(
            LedgerReference.Of(state.Id), state.Site, state.Sites, state.Title, state.On, state.Status == WiderEngagementStatus.Retracted,
            state.Insights.Select(LedgerReference.Of).ToValueList(), engagement.Version, last) with
        {
            EngagementKind = state.Kind,
            Effort = effort.ToValueList(),
            Costs = costs.ToValueList(),
        };
    }

    private static LedgerRecord Of(Output output, ProjectedEvent last)
    {
        var state = output.State;
        return Blank(
            LedgerReference.Of(state.Id), state.Site, [state.Site], state.Title, state.On, state.Status == OutputStatus.Retracted,
            state.Insights.Select(LedgerReference.Of).ToValueList(), output.Version, last) with
        {
            OutputKind = state.Kind,
            HasManagerCoAuthor = state.HasManagerCoAuthor,
        };
    }

    private static LedgerRecord Of(Impact impact, ProjectedEvent last)
    {
        var state = impact.State;
        var drawsOn = state.Outputs.Select(LedgerReference.Of)
            .Concat(state.Engagements.Select(LedgerReference.Of))
            .Concat(state.Insights.Select(LedgerReference.Of))
            .ToValueList();
        return Blank(
            LedgerReference.Of(state.Id), state.Site, [state.Site], state.Statement, state.On, state.Status == ImpactStatus.Retracted, drawsOn, impact.Version, last) with
        {
            ImpactKind = state.Kind,
            ImpactLevel = state.Level,
            ImpactStatus = state.Status,
        };
    }
}
