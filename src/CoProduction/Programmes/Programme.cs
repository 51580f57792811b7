using System;
using System.Collections.Generic;
using System.Linq;
using CoProduction.Events;
using CoProduction.Persistence;
using CoProduction.Sites;
using NodaTime;

namespace CoProduction.Programmes;

/// <summary>
/// A multi-year, multi-site research programme (for example RESYST, 2012–2018): its period, its
/// learning sites and its umbrella protocols. Every change is an event.
/// </summary>
/// <remarks>
/// Like <see cref="LearningSite"/>, a programme is a registry rather than a process and uses no
/// Stateless machine: malformed arguments throw the <see cref="ArgumentException"/> family, a
/// duplicate site or protocol throws <see cref="CommandRejectedException"/> in state
/// <c>Registered</c>, and a refused command changes nothing. Sites and protocols are referenced by
/// id; their own aggregates hold the details.
/// </remarks>
public sealed class Programme : LegacyAggregateRoot<ProgrammeId, ProgrammeState, IProgrammeEvent>, IEventSourcedAggregate<Programme>
{
    private static readonly string[] Commands = [nameof(AddSite), nameof(LinkUmbrellaProtocol)];

    private Programme(ProgrammeId id)
        : base(id, ProgrammeState.Unregistered(id))
    {
    }

    /// <summary>Gets the stream category of programmes: <c>programme</c>.</summary>
    public static string StreamCategory => "programme";

    /// <inheritdoc/>
    public override StreamId StreamId => StreamId.For(StreamCategory, Id);

    /// <inheritdoc/>
    protected override string Description => "programme '" + Id.Value + "'";

    /// <summary>Registers a programme.</summary>
    /// <param name="id">The programme's id.</param>
    /// <param name="name">Its name, for example <c>RESYST</c>.</param>
    /// <param name="period">Its period, both dates included.</param>
    /// <param name="at">When, from the injected clock.</param>
    /// <param name="by">Who registers it.</param>
    /// <returns>The new programme with one uncommitted <see cref="ProgrammeRegistered"/> event.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is default, <paramref name="name"/> is empty or padded, or <paramref name="period"/> is null.</exception>
    public static Programme Register(ProgrammeId id, string name, DateInterval period, Instant at, Actor by)
    {
        Registry.RequireId(id.Value, nameof(id));
        Registry.RequireText(name, nameof(name));

        ArgumentNullException.ThrowIfNull(period);
        var programme = new Programme(id);
        programme.Record(new ProgrammeRegistered(id, name, period, at, by));
        return programme;
    }

    /// <inheritdoc/>
    public static Programme Rehydrate(StreamId stream, IReadOnlyList<IDomainEvent> history)
    {
        var registered = HistoryStart.Require<ProgrammeRegistered>(stream, history, e => StreamId.For(StreamCategory, e.Programme));
        var programme = new Programme(registered.Programme);
        programme.Replay(history);
        return programme;
    }

    /// <summary>Adds a learning site to the programme.</summary>
    /// <param name="site">The site.</param>
    /// <param name="at">When, from the injected clock.</param>
    /// <param name="by">Who adds it.</param>
    /// <exception cref="ArgumentException"><paramref name="site"/> is default.</exception>
    /// <exception cref="CommandRejectedException">The site is already in the programme.</exception>
    public void AddSite(SiteId site, Instant at, Actor by)
    {
        RequireNew(State.Sites, site, site.Value, nameof(AddSite), $"site '{site}' is already in {Description}", nameof(site));
        Record(new ProgrammeSiteAdded(Id, site, at, by));
    }

    /// <summary>Links an umbrella protocol: one protocol shared across the programme's sites.</summary>
    /// <param name="protocol">The protocol.</param>
    /// <param name="at">When, from the injected clock.</param>
    /// <param name="by">Who links it.</param>
    /// <exception cref="ArgumentException"><paramref name="protocol"/> is default.</exception>
    /// <exception cref="CommandRejectedException">The protocol is already linked.</exception>
    public void LinkUmbrellaProtocol(ProtocolId protocol, Instant at, Actor by)
    {
        RequireNew(State.UmbrellaProtocols, protocol, protocol.Value, nameof(LinkUmbrellaProtocol), $"protocol '{protocol}' is already an umbrella protocol of {Description}", nameof(protocol));
        Record(new UmbrellaProtocolLinked(Id, protocol, at, by));
    }

    /// <inheritdoc/>
    protected override ProgrammeState Apply(ProgrammeState state, IProgrammeEvent @event) => @event switch
    {
        ProgrammeRegistered e => state with { Name = e.Name, Period = e.Period },
        ProgrammeSiteAdded e => state with { Sites = state.Sites.Add(e.Site) },
        UmbrellaProtocolLinked e => state with { UmbrellaProtocols = state.UmbrellaProtocols.Add(e.Protocol) },
        _ => state,
    };

    /// <inheritdoc/>
    protected override string? CheckReplay(ProgrammeState before, IProgrammeEvent @event, ProgrammeState after)
    {
        if (@event.Programme != Id)
        {
            return $"it belongs to programme '{@event.Programme}'.";
        }

        return @event switch
        {
            ProgrammeRegistered => before.IsRegistered ? "the programme is already registered." : null,
            _ when !before.IsRegistered => "the programme is not registered yet.",
            ProgrammeSiteAdded e => before.Sites.Contains(e.Site) ? $"site '{e.Site}' is already in the programme." : null,
            UmbrellaProtocolLinked e => before.UmbrellaProtocols.Contains(e.Protocol) ? $"protocol '{e.Protocol}' is already linked." : null,
            _ => $"{@event.GetType().Name} is not an event of a programme.",
        };
    }

    private void RequireNew<T>(IEnumerable<T> existing, T item, string? idValue, string command, string duplicate, string paramName)
        where T : IEquatable<T>
    {
        Registry.RequireId(idValue, paramName);
        if (existing.Contains(item))
        {
            throw Registry.Rejection(Description, command, Commands, duplicate);
        }
    }
}
