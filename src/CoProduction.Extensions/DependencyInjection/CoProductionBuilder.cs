using System;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using CoProduction.Commands;
using CoProduction.Notifications;
using CoProduction.Events;
using CoProduction.Persistence;
using CoProduction.Projections;
using CoProduction.Protocols;
using CoProduction.Streams;
using CoProduction.Sweeps;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;

namespace CoProduction.DependencyInjection;

/// <summary>
/// Chooses the parts of CoProduction an app uses: the store, the checkpoint store and the
/// notification handlers. Returned by <c>AddCoProduction(...)</c>; every method returns the builder.
/// </summary>
/// <remarks>
/// A <c>Use*</c> call is an explicit choice and replaces an earlier one; everything
/// <c>AddCoProduction</c> registers by default is added with <c>TryAdd</c>, so a service the app
/// registered itself (before or after) is never overwritten by a default.
/// </remarks>
public sealed class CoProductionBuilder
{
    internal CoProductionBuilder(IServiceCollection services) => Services = services;

    /// <summary>Gets the service collection, for adapter packages that add their own <c>Use*</c> methods.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Keeps events in memory (the default when no store is chosen): for tests, demos and tools. Everything is lost at exit.</summary>
    /// <returns>The builder.</returns>
    public CoProductionBuilder UseInMemoryStore()
    {
        UseStore(_ => new InMemoryEventStore());
        Services.RemoveAll<ICheckpointStore>();
        Services.AddSingleton<ICheckpointStore, InMemoryCheckpointStore>();
        Services.RemoveAll<ILeaseStore>();
        Services.AddSingleton<ILeaseStore, InMemoryLeaseStore>();
        Services.RemoveAll<InMemoryProjectionStore>();
        Services.RemoveAll<IProjectionStore>();
        Services.RemoveAll<IParkedEventStore>();
        Services.RemoveAll<IDocumentStore>();
        Services.AddSingleton<InMemoryProjectionStore>();
        Services.AddSingleton<IProjectionStore>(sp => sp.GetRequiredService<InMemoryProjectionStore>());
        Services.AddSingleton<IParkedEventStore>(sp => sp.GetRequiredService<InMemoryProjectionStore>());
        Services.AddSingleton<IDocumentStore>(sp => sp.GetRequiredService<InMemoryProjectionStore>());
        Services.RemoveAll<Privacy.IPersonalDataKeys>();
        Services.AddSingleton<Privacy.IPersonalDataKeys, Privacy.InMemoryPersonalDataKeys>();
        return this;
    }

    /// <summary>
    /// Keeps personal data (the event properties marked <see cref="Privacy.PersonalDataAttribute"/>: members' names, notes
    /// about them) sealed under a key per person in the store's key table, so that <see cref="Commands.PersonalDataCommands"/>
    /// can erase a person by deleting their key. Call it before the first member is added: values written without it stay in clear.
    /// </summary>
    /// <param name="configure">Sets the master key, if any.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">The master key is not <see cref="Privacy.PersonalDataProtector.KeySize"/> bytes long.</exception>
    public CoProductionBuilder ProtectPersonalData(Action<PersonalDataOptions>? configure = null)
    {
        var options = new PersonalDataOptions();
        configure?.Invoke(options);
        var masterKey = options.MasterKey ?? [];
        _ = new Privacy.PersonalDataProtector(new Privacy.InMemoryPersonalDataKeys(), masterKey);   // checks the key now
        Services.RemoveAll<Privacy.PersonalDataProtector>();
        Services.AddSingleton(sp => new Privacy.PersonalDataProtector(sp.GetRequiredService<Privacy.IPersonalDataKeys>(), masterKey));
        return this;
    }

    /// <summary>Uses the given store type, created once by the container.</summary>
    /// <typeparam name="TStore">The store.</typeparam>
    /// <returns>The builder.</returns>
    public CoProductionBuilder UseStore<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TStore>()
        where TStore : class, IEventStore
        => SetStore(ServiceDescriptor.Singleton<IEventStore, TStore>(), null);

    /// <summary>
    /// Uses a store the app created and owns: the container hands it out but never disposes it, so the app may keep
    /// using it after the host stops, and disposes it itself.
    /// </summary>
    /// <param name="store">The app's store.</param>
    /// <returns>The builder.</returns>
    public CoProductionBuilder UseStore(IEventStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return SetStore(ServiceDescriptor.Singleton(store), store);
    }

    /// <summary>
    /// Uses the store the factory creates, once. The container owns what the factory returns and disposes it (when it
    /// is disposable) with the container; to keep a store the app owns, pass the instance (<see cref="UseStore(IEventStore)"/>).
    /// </summary>
    /// <param name="factory">Creates the store from the container.</param>
    /// <returns>The builder.</returns>
    public CoProductionBuilder UseStore(Func<IServiceProvider, IEventStore> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return SetStore(ServiceDescriptor.Singleton(factory), null);
    }

    /// <summary>
    /// What <see cref="IEventStoreReader"/> and <see cref="IEventStoreWriter"/> resolve to by default: the
    /// <see cref="IEventStore"/>. The container disposes what a factory returns, so a store the app owns
    /// (<see cref="UseStore(IEventStore)"/>) is forwarded as an instance instead.
    /// </summary>
    internal static readonly Func<IServiceProvider, object> ForwardToStore = static sp => sp.GetRequiredService<IEventStore>();

    /// <summary>Registers the store and keeps the reader and writer (when they are the library's forwards) pointing at it.</summary>
    private CoProductionBuilder SetStore(ServiceDescriptor store, IEventStore? owned)
    {
        var previous = Services.LastOrDefault(d => d.ServiceType == typeof(IEventStore))?.ImplementationInstance;
        Services.RemoveAll<IEventStore>();
        Services.Add(store);
        foreach (var port in new[] { typeof(IEventStoreReader), typeof(IEventStoreWriter) })
        {
            var current = Services.LastOrDefault(d => d.ServiceType == port);
            var ours = current is not null
                && (current.ImplementationFactory == ForwardToStore || (previous is not null && ReferenceEquals(current.ImplementationInstance, previous)));
            if (ours)
            {
                Services.Remove(current!);
                Services.Add(owned is null ? ServiceDescriptor.Singleton(port, ForwardToStore) : ServiceDescriptor.Singleton(port, owned));
            }
        }

        return this;
    }

    /// <summary>Uses the given checkpoint store for notification catch-up.</summary>
    /// <typeparam name="TCheckpoints">The checkpoint store.</typeparam>
    /// <returns>The builder.</returns>
    public CoProductionBuilder UseCheckpointStore<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TCheckpoints>()
        where TCheckpoints : class, ICheckpointStore
    {
        Services.RemoveAll<ICheckpointStore>();
        Services.AddSingleton<ICheckpointStore, TCheckpoints>();
        return this;
    }

    /// <summary>
    /// Adds the app's own events (or upcasters) to the registry the <see cref="EventSerializer"/> is
    /// built from, for example <c>events =&gt; events.AddContext(MyEventsJsonContext.Default)</c>.
    /// The library's own events are always known; each call adds one change, applied in order.
    /// </summary>
    /// <param name="configure">Changes the registry.</param>
    /// <returns>The builder.</returns>
    public CoProductionBuilder ConfigureEvents(Action<EventTypeRegistry> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.AddSingleton(new EventRegistryConfiguration(configure));
        return this;
    }

    /// <summary>
    /// Says who issues commands when a call names no actor, built per scope by a factory: for example
    /// <c>sp =&gt; new ClaimsCurrentActor(() =&gt; sp.GetRequiredService&lt;IHttpContextAccessor&gt;().HttpContext?.User)</c>.
    /// </summary>
    /// <param name="factory">Builds the scope's current actor.</param>
    /// <returns>The builder.</returns>
    public CoProductionBuilder UseCurrentActor(Func<IServiceProvider, ICurrentActor> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Services.RemoveAll<ICurrentActor>();
        Services.AddScoped(factory);
        return this;
    }

    /// <summary>Replaces the access policy (by default <see cref="Access.AccessPolicy.Default"/>, the paper's rules) that every command is put to.</summary>
    /// <param name="policy">The policy: pure, deciding from the request and the facts alone.</param>
    /// <returns>The builder.</returns>
    public CoProductionBuilder UseAccessPolicy(Access.IAccessPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        Services.RemoveAll<Access.IAccessPolicy>();
        Services.AddSingleton(policy);
        return this;
    }

    /// <summary>Adds a reviewer's tenure on an ethics committee: they start review, request changes, approve, reject, suspend and reinstate its protocols and amendments.</summary>
    /// <param name="committee">The committee.</param>
    /// <param name="reviewer">The reviewer: a member, or a named actor such as an ethics office.</param>
    /// <param name="from">The first day of the tenure.</param>
    /// <param name="to">The last day, included; <see langword="null"/> while it is open.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">The reviewer is <see cref="Actor.System"/> or default, or the tenure ends before it starts (when the guard is built).</exception>
    public CoProductionBuilder AddCommitteeReviewer(CommitteeId committee, Actor reviewer, LocalDate from, LocalDate? to = null)
    {
        _ = new Access.CommitteeRoster([new Access.CommitteeReviewer(committee, reviewer, from, to)]);
        Services.AddSingleton(new CommitteeReviewerRegistration(new Access.CommitteeReviewer(committee, reviewer, from, to)));
        return this;
    }

    /// <summary>Adds a programme role's tenure: the holder acts as the site team (and a lead also administers) at every site of the programme.</summary>
    /// <param name="programme">The programme.</param>
    /// <param name="member">The member.</param>
    /// <param name="role">The role.</param>
    /// <param name="from">The first day of the tenure.</param>
    /// <param name="to">The last day, included; <see langword="null"/> while it is open.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">An undefined role, or the tenure ends before it starts.</exception>
    public CoProductionBuilder AddProgrammeRole(ProgrammeId programme, MemberId member, Access.ProgrammeRole role, LocalDate from, LocalDate? to = null)
    {
        var holder = new Access.ProgrammeRoleHolder(programme, member, role, from, to);
        _ = new Access.ProgrammeRoster([holder], []);
        Services.AddSingleton(new ProgrammeRoleRegistration(holder));
        return this;
    }

    /// <summary>Names an administrator: they register sites and programmes and administer sites' teams.</summary>
    /// <param name="administrator">A member or a named actor (for example <c>Actor.Named("research-office")</c>); never the system actor.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">The system actor or a default actor.</exception>
    public CoProductionBuilder AddAdministrator(Actor administrator)
    {

        Services.AddSingleton(new AdministratorRegistration(administrator.RequireSomeone("An administrator", nameof(administrator))));
        return this;
    }

    /// <summary>Allows an actor to record a member's endorsement on their behalf (by default only the member records their own).</summary>
    /// <param name="delegateActor">Who records it.</param>
    /// <param name="member">Whose endorsement it is.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">The delegate is the system actor or default.</exception>
    public CoProductionBuilder AllowEndorsementDelegate(Actor delegateActor, MemberId member)
    {

        Services.AddSingleton(new EndorsementDelegateRegistration(new Access.EndorsementDelegate(delegateActor.RequireSomeone("An endorsement delegate", nameof(delegateActor)), Preconditions.CheckId(member, nameof(member)))));
        return this;
    }

    /// <summary>
    /// Says who issues commands when a call names no actor, for example the signed-in user. Registered
    /// scoped, like the application services that read it. Without one, a command that names no actor is refused
    /// with <see cref="Access.AccessDeniedException"/>.
    /// </summary>
    /// <typeparam name="TActor">The app's <see cref="ICurrentActor"/>.</typeparam>
    /// <returns>The builder.</returns>
    public CoProductionBuilder UseCurrentActor<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TActor>()
        where TActor : class, ICurrentActor
    {
        Services.RemoveAll<ICurrentActor>();
        Services.AddScoped<ICurrentActor, TActor>();
        return this;
    }

    /// <summary>
    /// Adds a handler that is offered every committed event, at least once, in global order,
    /// with its own checkpoint, by the one process that holds the dispatcher's lease. Adding the same handler type twice adds it once.
    /// </summary>
    /// <typeparam name="THandler">The handler.</typeparam>
    /// <returns>The builder.</returns>
    public CoProductionBuilder AddNotificationHandler<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>()
        where THandler : class, INotificationHandler
    {
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<INotificationHandler, THandler>());
        return this;
    }

    /// <summary>
    /// Adds a projection: the projection runner keeps its model up to date with the feed, in the projection
    /// store of the chosen event store (an <see cref="InMemoryProjection{TModel}"/> for the in-memory store, a
    /// <c>SqliteProjection</c> for the SQLite store). The projection is also registered as itself, so the app's
    /// queries can read its model. Adding the same projection type twice adds it once.
    /// </summary>
    /// <typeparam name="TProjection">The projection.</typeparam>
    /// <returns>The builder.</returns>
    public CoProductionBuilder AddProjection<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TProjection>()
        where TProjection : class, IProjection
    {
        Services.TryAddSingleton<TProjection>();
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IProjection, TProjection>(sp => sp.GetRequiredService<TProjection>()));
        return this;
    }

    /// <summary>
    /// Tells the stream index an app aggregate's category, so its streams are listed with the aggregate's type
    /// (the library's own aggregates are known already).
    /// </summary>
    /// <typeparam name="TAggregate">The aggregate; its <see cref="IEventSourcedAggregate{TSelf}.StreamCategory"/> is the category.</typeparam>
    /// <returns>The builder.</returns>
    public CoProductionBuilder AddStreamCategory<TAggregate>()
        where TAggregate : IEventSourcedAggregate<TAggregate>
    {
        var (category, type) = StreamCategories.Of<TAggregate>();
        Services.AddSingleton(new StreamCategoryRegistration(category, type));
        return this;
    }

    /// <summary>
    /// Adds a handler that the background sweep hands every due reminder to, once per reminder id.
    /// Adding the same handler type twice adds it once.
    /// </summary>
    /// <typeparam name="THandler">The handler.</typeparam>
    /// <returns>The builder.</returns>
    public CoProductionBuilder AddReminderHandler<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>()
        where THandler : class, IReminderHandler
    {
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IReminderHandler, THandler>());
        return this;
    }

    /// <summary>
    /// Adds a source of reminder inputs kept outside the library's aggregates; its inputs are planned
    /// with the library's own. Adding the same source type twice adds it once.
    /// </summary>
    /// <typeparam name="TSource">The source.</typeparam>
    /// <returns>The builder.</returns>
    public CoProductionBuilder AddReminderSource<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TSource>()
        where TSource : class, IReminderSource
    {
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IReminderSource, TSource>());
        return this;
    }

    /// <summary>
    /// Says which policy an ethics committee follows, in the one registry of policies (<see cref="ICommitteePolicies"/>):
    /// its protocols' renewal and lapse, deviation deadline, pause on late renewal and reminder lead times follow it.
    /// A protocol whose committee has no registered policy is refused at drafting (<see cref="ProtocolCommands.DraftAsync"/>).
    /// A later call for the same committee wins.
    /// </summary>
    /// <param name="committee">The committee.</param>
    /// <param name="policy">Its policy, for example <see cref="CommitteePolicies.KenyaNationalCommittee"/>.</param>
    /// <returns>The builder.</returns>
    public CoProductionBuilder AddCommitteePolicy(CommitteeId committee, CommitteePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        Services.AddSingleton(new CommitteePolicyRegistration(committee, policy));
        return this;
    }

    /// <summary>
    /// Says which days are working days at a learning site (its weekend and public holidays): deviation reports opened
    /// there are due the committee's number of working days in this calendar. Monday to Friday when none is added. A later
    /// call for the same site wins.
    /// </summary>
    /// <param name="site">The site.</param>
    /// <param name="calendar">Its calendar, for example <c>WorkingDayCalendar.MondayToFriday.WithHolidays([...])</c>.</param>
    /// <returns>The builder.</returns>
    public CoProductionBuilder AddWorkingDayCalendar(SiteId site, Scheduling.WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        Services.AddSingleton(new WorkingDayCalendarRegistration(Preconditions.CheckId(site, nameof(site)), calendar));
        return this;
    }
}
