namespace CoProduction.Programmes;

/// <content>The programme's commands: check the inputs, go through the pipeline, refuse duplicates, record one event.</content>
public sealed partial class Programme
{
    /// <summary>Adds a learning site to the programme.</summary>
    /// <param name="site">The site.</param>
    /// <param name="stamp">When and by whom.</param>
    /// <exception cref="System.ArgumentException">A default site id, or a stamp naming no actor.</exception>
    /// <exception cref="CommandRejectedException">The site is already in the programme, or the command is dated before the latest event.</exception>
    public void AddSite(SiteId site, Stamp stamp)
    {
        Preconditions.CheckId(site, nameof(site));
        Decide(Machine, State, ProgrammeTrigger.AddSite, stamp);
        if (State.Sites.Contains(site))
        {
            throw Refuse(Machine, State, ProgrammeTrigger.AddSite, $"site '{site}' is already in {Description}");
        }

        Record(new ProgrammeSiteAdded(Id, site, stamp.At, stamp.By));
    }

    /// <summary>Links an umbrella protocol: one protocol shared across the programme's sites.</summary>
    /// <param name="protocol">The protocol.</param>
    /// <param name="stamp">When and by whom.</param>
    /// <exception cref="System.ArgumentException">A default protocol id, or a stamp naming no actor.</exception>
    /// <exception cref="CommandRejectedException">The protocol is already linked, or the command is dated before the latest event.</exception>
    public void LinkUmbrellaProtocol(ProtocolId protocol, Stamp stamp)
    {
        Preconditions.CheckId(protocol, nameof(protocol));
        Decide(Machine, State, ProgrammeTrigger.LinkUmbrellaProtocol, stamp);
        if (State.UmbrellaProtocols.Contains(protocol))
        {
            throw Refuse(Machine, State, ProgrammeTrigger.LinkUmbrellaProtocol, $"protocol '{protocol}' is already an umbrella protocol of {Description}");
        }

        Record(new UmbrellaProtocolLinked(Id, protocol, stamp.At, stamp.By));
    }
}
