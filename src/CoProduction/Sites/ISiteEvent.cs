using CoProduction.Events;

namespace CoProduction.Sites;

/// <summary>An event in the history of a <see cref="LearningSite"/>.</summary>
public interface ISiteEvent : IDomainEvent
{
    /// <summary>Gets the site the event belongs to.</summary>
    SiteId Site { get; }
}
