using NodaTime;

namespace CoProduction.Sites;

/// <content>The site's commands: check the inputs, go through the pipeline, check the rules of the team, record one event.</content>
public sealed partial class LearningSite
{
    /// <summary>Adds a partner institution.</summary>
    /// <param name="institution">The institution's name; one line, not padded.</param>
    /// <param name="stamp">When and by whom.</param>
    /// <exception cref="System.ArgumentException">A blank or padded name, or a stamp naming no actor.</exception>
    /// <exception cref="CommandRejectedException">The institution is already a partner, or the command is dated before the latest event.</exception>
    public void AddPartnerInstitution(string institution, Stamp stamp)
    {
        Preconditions.CheckName(institution, nameof(institution));
        Decide(Machine, State, SiteTrigger.AddPartnerInstitution, stamp);
        if (State.PartnerInstitutions.Contains(institution))
        {
            throw Refuse(Machine, State, SiteTrigger.AddPartnerInstitution, $"'{institution}' is already a partner institution of {Description}");
        }

        Record(new PartnerInstitutionAdded(Id, institution, stamp.At, stamp.By));
    }

    /// <summary>Adds a person to the site's team; give them roles with <see cref="JoinRole"/>.</summary>
    /// <param name="member">The member's id (the same person may be a member of other sites under the same id).</param>
    /// <param name="displayName">The name shown in the app; one line, not padded.</param>
    /// <param name="stamp">When and by whom.</param>
    /// <param name="pseudonym">The name used in research reports, or <see langword="null"/> for none; one line, not padded.</param>
    /// <exception cref="System.ArgumentException">A default id, a blank or padded name, or a stamp naming no actor.</exception>
    /// <exception cref="CommandRejectedException">A member with this id is already in the site's team, or the command is dated before the latest event.</exception>
    public void AddMember(MemberId member, string displayName, Stamp stamp, string? pseudonym = null)
    {
        Preconditions.CheckId(member, nameof(member));
        Preconditions.CheckName(displayName, nameof(displayName));
        Preconditions.CheckOptionalName(pseudonym, nameof(pseudonym));
        Decide(Machine, State, SiteTrigger.AddMember, stamp);
        if (State.FindMember(member) is { } existing)
        {
            throw Refuse(Machine, State, SiteTrigger.AddMember, $"member '{member}' ('{existing.DisplayName}') is already in the team of {Description}; member ids are unique per site");
        }

        Record(new MemberAdded(Id, member, displayName, pseudonym, stamp.At, stamp.By));
    }

    /// <summary>Records that a member began to hold a role on a date (a new tenure period; rejoining is allowed after the last one ended).</summary>
    /// <param name="member">The member.</param>
    /// <param name="role">The role; a manager has a level, other roles have neither level nor seniority.</param>
    /// <param name="on">The first day in the role, in the site's calendar.</param>
    /// <param name="stamp">When and by whom.</param>
    /// <exception cref="System.ArgumentException">A default member or role, or a stamp naming no actor.</exception>
    /// <exception cref="CommandRejectedException">The person is not a member of the site, the new period would overlap one of the same role, or the command is dated before the latest event.</exception>
    public void JoinRole(MemberId member, MemberRole role, LocalDate on, Stamp stamp)
    {
        var current = Member(member, role, SiteTrigger.JoinRole, stamp);
        if (TenureRules.WhyCannotJoin(current, role, on) is { } why)
        {
            throw Refuse(Machine, State, SiteTrigger.JoinRole, why);
        }

        Record(new MemberJoinedRole(Id, member, role, on, stamp.At, stamp.By));
    }

    /// <summary>Records that a member stopped holding a role; <paramref name="on"/> is their last day in it.</summary>
    /// <param name="member">The member.</param>
    /// <param name="role">The role.</param>
    /// <param name="on">The last day in the role, in the site's calendar; not before the day they joined it.</param>
    /// <param name="stamp">When and by whom.</param>
    /// <exception cref="System.ArgumentException">A default member or role, or a stamp naming no actor.</exception>
    /// <exception cref="CommandRejectedException">The person is not a member, does not hold the role now, joined it after <paramref name="on"/>, or the command is dated before the latest event.</exception>
    public void LeaveRole(MemberId member, MemberRole role, LocalDate on, Stamp stamp)
    {
        var current = Member(member, role, SiteTrigger.LeaveRole, stamp);
        if (TenureRules.WhyCannotLeave(current, role, on) is { } why)
        {
            throw Refuse(Machine, State, SiteTrigger.LeaveRole, why);
        }

        Record(new MemberLeftRole(Id, member, role, on, stamp.At, stamp.By));
    }

    /// <summary>Marks a member as core: one of the key relationships whose continuity holds the work together.</summary>
    /// <param name="member">The member.</param>
    /// <param name="stamp">When and by whom.</param>
    /// <exception cref="System.ArgumentException">A default member, or a stamp naming no actor.</exception>
    /// <exception cref="CommandRejectedException">The person is not a member, is already marked core, or the command is dated before the latest event.</exception>
    public void MarkCore(MemberId member, Stamp stamp)
    {
        if (Member(member, null, SiteTrigger.MarkCore, stamp).IsCore)
        {
            throw Refuse(Machine, State, SiteTrigger.MarkCore, $"member '{member}' is already marked core");
        }

        Record(new MemberMarkedCore(Id, member, stamp.At, stamp.By));
    }

    /// <summary>Clears a member's core mark.</summary>
    /// <param name="member">The member.</param>
    /// <param name="stamp">When and by whom.</param>
    /// <exception cref="System.ArgumentException">A default member, or a stamp naming no actor.</exception>
    /// <exception cref="CommandRejectedException">The person is not a member, is not marked core, or the command is dated before the latest event.</exception>
    public void ClearCore(MemberId member, Stamp stamp)
    {
        if (!Member(member, null, SiteTrigger.ClearCore, stamp).IsCore)
        {
            throw Refuse(Machine, State, SiteTrigger.ClearCore, $"member '{member}' is not marked core");
        }

        Record(new MemberCoreMarkCleared(Id, member, stamp.At, stamp.By));
    }

    /// <summary>Records that a member took part in an engagement (fed by reflections, meetings and workshops).</summary>
    /// <param name="member">The member.</param>
    /// <param name="engagement">The engagement: its date in the site's calendar, its kind and an optional note.</param>
    /// <param name="stamp">When and by whom.</param>
    /// <exception cref="System.ArgumentException">A default member, or a stamp naming no actor.</exception>
    /// <exception cref="System.ArgumentNullException"><paramref name="engagement"/> is null.</exception>
    /// <exception cref="CommandRejectedException">The person is not a member of the site, the engagement has a note about a member whose personal data was erased, or the command is dated before the latest event.</exception>
    public void RecordEngagement(MemberId member, Engagement engagement, Stamp stamp)
    {
        System.ArgumentNullException.ThrowIfNull(engagement);
        var found = Member(member, null, SiteTrigger.RecordEngagement, stamp);
        if (found.IsErased && engagement.Note is not null)
        {
            throw Refuse(Machine, State, SiteTrigger.RecordEngagement, $"member '{member}' of {Description} was erased, and no new personal data is kept about them; record the engagement without a note");
        }

        Record(new EngagementRecorded(Id, member, engagement.On, engagement.Kind, engagement.Note, stamp.At, stamp.By));
    }

    /// <summary>
    /// Erases a member's personal data: records <see cref="MemberErased"/>, after which their name and the notes about them
    /// read as <see cref="Privacy.PersonalData.ErasedMarker"/> in this site. The key that sealed them is deleted by the
    /// app's command layer (<c>PersonalDataCommands.EraseMemberAsync</c> in <c>CoProduction.Extensions</c>), which makes the stored
    /// copies unreadable everywhere; the member's pseudonym, roles and engagement dates remain for reports.
    /// </summary>
    /// <param name="member">The member.</param>
    /// <param name="requestedBy">Who asked for the erasure; one line, not padded.</param>
    /// <param name="reason">Why (for example the law and article the request rests on); one line, not padded.</param>
    /// <param name="stamp">When and by whom.</param>
    /// <exception cref="System.ArgumentException">A default member, a blank or padded text, or a stamp naming no actor.</exception>
    /// <exception cref="CommandRejectedException">The person is not a member of the site, was erased before, or the command is dated before the latest event.</exception>
    public void EraseMember(MemberId member, string requestedBy, string reason, Stamp stamp)
    {
        Preconditions.CheckName(requestedBy, nameof(requestedBy));
        Preconditions.CheckName(reason, nameof(reason));
        var found = Member(member, null, SiteTrigger.EraseMember, stamp);
        if (found.IsErased)
        {
            throw Refuse(Machine, State, SiteTrigger.EraseMember, $"member '{member}' of {Description} was erased before; an erasure is recorded once");
        }

        Record(new MemberErased(Id, member, requestedBy, reason, stamp.At, stamp.By));
    }

    /// <summary>
    /// Chooses how the site's reminders and research reports name its members: with <see cref="MemberNaming.Pseudonyms"/>,
    /// a member is named by their pseudonym, or by their id when they have none, and never by their display name.
    /// </summary>
    /// <param name="naming">The naming.</param>
    /// <param name="stamp">When and by whom.</param>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="naming"/> is not a defined value.</exception>
    /// <exception cref="System.ArgumentException">A stamp naming no actor.</exception>
    /// <exception cref="CommandRejectedException">The site names its members so already, or the command is dated before the latest event.</exception>
    public void ChooseMemberNaming(MemberNaming naming, Stamp stamp)
    {
        Preconditions.CheckDefined(naming, nameof(naming));
        Decide(Machine, State, SiteTrigger.ChooseMemberNaming, stamp);
        if (State.MemberNaming == naming)
        {
            throw Refuse(Machine, State, SiteTrigger.ChooseMemberNaming, $"{Description} names its members by {Describe(naming)} already; choose the other naming to change it");
        }

        Record(new MemberNamingChosen(Id, naming, stamp.At, stamp.By));
    }

    /// <summary>Checks the member's id (and role), decides the trigger, and finds the member, refusing a person who is not in the team.</summary>
    private SiteMember Member(MemberId member, MemberRole? role, SiteTrigger trigger, Stamp stamp)
    {
        Preconditions.CheckId(member, nameof(member));
        if (role is { } r)
        {
            _ = MemberRole.Check(r, nameof(role));
        }

        Decide(Machine, State, trigger, stamp);
        return State.FindMember(member)
            ?? throw Refuse(Machine, State, trigger, $"'{member}' is not a member of {Description}; add them with {nameof(AddMember)} first");
    }
}
