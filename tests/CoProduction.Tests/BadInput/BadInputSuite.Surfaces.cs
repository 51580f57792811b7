using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using CoProduction.Commands;
using CoProduction.Cycles;
using CoProduction.DependencyInjection;
using CoProduction.Ethics;
using CoProduction.Persistence;
using CoProduction.Protocols;
using CoProduction.Sites;
using CoProduction.Tests.Cycles;
using CoProduction.Tests.Persistence;
using CoProduction.Tests.Sites;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using static CoProduction.Tests.BadInput.BadInputCase;
using static CoProduction.Tests.Persistence.StoreTesting;

namespace CoProduction.Tests.BadInput;

/// <summary>The stores' append and read APIs, the repository, the archive import and the DI command surfaces, given bad input.</summary>
public sealed partial class BadInputSuite
{
    private static readonly StreamId Fresh = new("site-fresh");
    private static readonly EventArchive Archive = new(new FakeClock(BadInputWorld.Later));

    private static IEnumerable<BadInputCase> StoreCases()
    {
        var ok = Event("test.fresh", "{\"n\":1}");
        yield return Async<ConcurrencyException>("Store.AppendAsync(site-kilifi, expectedVersion: 0 though it holds events, [e])", async w => await w.Store.AppendAsync(BadInputWorld.Kilifi, 0, [ok]));
        yield return Async<ConcurrencyException>("Store.AppendAsync(site-kilifi, expectedVersion: 999 ahead of it, [e])", async w => await w.Store.AppendAsync(BadInputWorld.Kilifi, 999, [ok]));
        yield return Async<ConcurrencyException>("Store.AppendAsync(site-fresh, expectedVersion: 1 for a stream that does not exist, [e])", async w => await w.Store.AppendAsync(Fresh, 1, [ok]));
        yield return Async<ArgumentException>("Store.AppendAsync(site-fresh, 0, [])", async w => await w.Store.AppendAsync(Fresh, 0, []), "events");
        yield return Async<ArgumentNullException>("Store.AppendAsync(site-fresh, 0, events: null)", async w => await w.Store.AppendAsync(Fresh, 0, null!), "events");
        yield return Async<ArgumentOutOfRangeException>("Store.AppendAsync(site-fresh, expectedVersion: -1, [e])", async w => await w.Store.AppendAsync(Fresh, -1, [ok]), "expectedVersion");
        yield return Async<ArgumentException>("Store.AppendAsync(default(StreamId), 0, [e])", async w => await w.Store.AppendAsync(default, 0, [ok]), "stream");
        yield return Async<ArgumentException>("Store.AppendAsync(site-fresh, 0, [e, event named \" \"]) refused whole", async w => await w.Store.AppendAsync(Fresh, 0, [ok, Event(" ")]), "events");
        yield return Async<ArgumentException>("Store.AppendAsync(site-fresh, 0, [e, schema version 0])", async w => await w.Store.AppendAsync(Fresh, 0, [ok, Event("test.fresh", schema: 0)]), "events");
        yield return Async<ArgumentException>("Store.AppendAsync(site-fresh, 0, [e, empty payload])", async w => await w.Store.AppendAsync(Fresh, 0, [ok, Event("test.fresh", "")]), "events");
        yield return Async<ArgumentException>("Store.AppendAsync(site-fresh, 0, [e, null])", async w => await w.Store.AppendAsync(Fresh, 0, [ok, null!]), "events");
        yield return Async<CommandIdReusedException>("Store.AppendStreamsAsync([site-fresh at 0], \"bound-command\", fingerprint of another command)", async w => await w.Store.AppendStreamsAsync([new StreamAppend(Fresh, 0, [ok])], BadInputWorld.BoundCommand, CommandFingerprint.Of("test.other", [new StreamAppend(Fresh, 0, [ok])]), default));
        yield return Async<ArgumentException>("Store.AppendStreamsAsync([], null)", async w => await w.Store.AppendStreamsAsync([], null, default), "appends");
        yield return Async<InputLimitException>("Store.AppendStreamsAsync([site-fresh, site-fresh], null)", async w => await w.Store.AppendStreamsAsync([new StreamAppend(Fresh, 0, [ok]), new StreamAppend(Fresh, 0, [ok])], null, default), InputRule.Repeated);
        yield return Async<ConcurrencyException>("Store.AppendStreamsAsync([site-fresh at 0, site-kilifi at 0 though it holds events], \"both\") writes neither", async w => await w.Store.AppendStreamsAsync([new StreamAppend(Fresh, 0, [ok]), new StreamAppend(BadInputWorld.Kilifi, 0, [ok])], new CommandId("both"), default));
        yield return Async<ArgumentException>("Store.AppendCommandsAsync([])", async w => await w.Store.AppendCommandsAsync([], default), "commands");
        yield return Async<ConcurrencyException>("Store.AppendCommandsAsync([site-fresh at 0, then site-kilifi at 0 though it holds events]) writes neither", async w => await w.Store.AppendCommandsAsync(
            [new CommandAppend([new StreamAppend(Fresh, 0, [ok])], new CommandId("first")), new CommandAppend([new StreamAppend(BadInputWorld.Kilifi, 0, [ok])], new CommandId("second"))], default));
        yield return Async<ArgumentOutOfRangeException>("Store.ReadStreamAsync(site-kilifi, fromVersion: 0)", async w => await w.Store.ReadStreamAsync(BadInputWorld.Kilifi, 0), "fromVersion");
        yield return Async<ArgumentException>("Store.ReadStreamAsync(default(StreamId))", async w => await w.Store.ReadStreamAsync(default), "stream");
        yield return Async<ArgumentOutOfRangeException>("Store.ReadAllAsync(afterPosition: -1, 10)", async w => await w.Store.ReadAllAsync(-1, 10), "afterPosition");
        yield return Async<ArgumentOutOfRangeException>("Store.ReadAllAsync(0, maxCount: 0)", async w => await w.Store.ReadAllAsync(0, 0), "maxCount");
        yield return Async<AggregateAlreadyExistsException>("Repository<LearningSite>.SaveAsync(PaperSites.Kilifi() registered again)", async w => await w.Repository<LearningSite>().SaveAsync(PaperSites.Kilifi()));
        yield return Async<AggregateNotFoundException>("Repository<Protocol>.LoadAsync(protocol-nowhere)", async w => await w.Repository<Protocol>().LoadAsync(BadInputWorld.Stream<Protocol, ProtocolId>(new("nowhere"))));
        yield return Async<InvalidHistoryException>("Repository<Protocol>.LoadAsync(site-kilifi, a stream of another aggregate)", async w => await w.Repository<Protocol>().LoadAsync(BadInputWorld.Kilifi));
        yield return Sync<InputLimitException>("new StreamId(\"site-\\u202Ekilifi\") for any store call", _ => new StreamId("site-\u202Ekilifi"), InputRule.BidiOverride);
        yield return Sync<InputLimitException>("new CommandId(\"retry\\n1\") for any store call", _ => new CommandId("retry\n1"), InputRule.ControlCharacter);
    }

    private static IEnumerable<BadInputCase> ArchiveCases()
    {
        yield return Async<ArchiveImportConflictException>("Archive.ImportAsync(store, the RESYST programme's archive, which holds site-kilifi too)", async w =>
            await Archive.ImportAsync(w.Store, new MemoryStream(await ArchiveTesting.ExportAsync(Archive, await ArchiveTesting.ProgrammeStoreAsync()))));
        foreach (var (name, spoil) in Spoils)
        {
            yield return Async<CorruptArchiveException>($"Archive.ImportAsync(store, the programme's archive with {name})", async w =>
            {
                var good = await ArchiveTesting.ExportAsync(Archive, await ArchiveTesting.ProgrammeStoreAsync(), [ArchiveTesting.ProgrammeStream]);
                await Archive.ImportAsync(w.Store, new MemoryStream(spoil.Spoil(good)));
            }, spoil.Reason);
        }

        var key = new ArchiveKey(Enumerable.Range(0, ArchiveKey.MinimumLength).Select(i => (byte)i).ToArray());
        var other = new ArchiveKey(Enumerable.Range(1, ArchiveKey.MinimumLength).Select(i => (byte)i).ToArray());
        yield return Async<CorruptArchiveException>("new EventArchive(clock, { Key = k }).ImportAsync(store, an unsealed archive)", async w =>
        {
            var good = await ArchiveTesting.ExportAsync(Archive, await ArchiveTesting.ProgrammeStoreAsync(), [ArchiveTesting.ProgrammeStream]);
            await new EventArchive(new FakeClock(BadInputWorld.Later), new EventArchiveOptions { Key = key }).ImportAsync(w.Store, new MemoryStream(good));
        }, CorruptArchiveReason.NotSealed);
        yield return Async<CorruptArchiveException>("new EventArchive(clock, { Key = k }).ImportAsync(store, an archive sealed by another key)", async w =>
        {
            var sealedByOther = new EventArchive(new FakeClock(BadInputWorld.Later), new EventArchiveOptions { Key = other });
            var archive = await ArchiveTesting.ExportAsync(sealedByOther, await ArchiveTesting.ProgrammeStoreAsync(), [ArchiveTesting.ProgrammeStream]);
            await new EventArchive(new FakeClock(BadInputWorld.Later), new EventArchiveOptions { Key = key }).ImportAsync(w.Store, new MemoryStream(archive));
        }, CorruptArchiveReason.SealMismatch);
        yield return Async<ArgumentNullException>("Archive.ImportAsync(store, source: null)", async w => await Archive.ImportAsync(w.Store, null!), "source");
        yield return Sync<ArgumentException>("ArchiveKey.FromBase64(\"not a key!\")", _ => ArchiveKey.FromBase64("not a key!"), "base64");
        yield return Sync<ArgumentException>("new ArchiveKey(16 bytes)", _ => new ArchiveKey(new byte[16]), "key");
    }

    /// <summary>Damage the line-by-line cases of BadArchiveTests do not make: whole-file changes a transfer or an editor makes.</summary>
    private static readonly (string Name, (Func<byte[], byte[]> Spoil, CorruptArchiveReason Reason))[] Spoils =
    [
        ("an event line duplicated (checksum recomputed)", (good => Reseal(good, body => [.. body[..2], body[1], .. body[2..]]), CorruptArchiveReason.ManifestMismatch)),
        ("the manifest line duplicated (checksum recomputed)", (good => Reseal(good, body => [body[0], .. body]), CorruptArchiveReason.InvalidLine)),
        ("a UTF-8 byte-order mark in front", (good => [0xEF, 0xBB, 0xBF, .. good], CorruptArchiveReason.NotAnArchive)),
        ("its checksum line removed", (good => Encoding.UTF8.GetBytes(string.Concat(ArchiveTesting.Body(good).Select(l => l + "\n"))), CorruptArchiveReason.Truncated)),
        ("a blank line between events (checksum recomputed)", (good => Reseal(good, body => [.. body[..2], "", .. body[2..]]), CorruptArchiveReason.InvalidLine)),
        ("the events spliced from another export (checksum recomputed)", (good => Reseal(good, body => [body[0], .. body[1..].Select(l => l.Replace("resyst", "resyst-2", StringComparison.Ordinal))]), CorruptArchiveReason.ManifestMismatch)),
        ("a wire name escaping a lone surrogate \\uD800 (checksum recomputed)", (good => Reseal(good, body => [body[0], body[1].Replace("\"name\":\"programme.registered\"", "\"name\":\"\\uD800\"", StringComparison.Ordinal), .. body[2..]]), CorruptArchiveReason.InvalidLine)),
        ("a field name escaping a lone surrogate \\uDC00 (checksum recomputed)", (good => Reseal(good, body => [body[0], body[1].Replace("\"actor\":", "\"act\\uDC00or\":", StringComparison.Ordinal), .. body[2..]]), CorruptArchiveReason.InvalidLine)),
        ("a NUL byte inside a line (checksum recomputed)", (good => Reseal(good, body => [body[0], body[1].Replace("RESYST", "RES\0YST", StringComparison.Ordinal), .. body[2..]]), CorruptArchiveReason.InvalidLine)),
    ];

    private static byte[] Reseal(byte[] good, Func<List<string>, List<string>> edit) => ArchiveTesting.Reseal(edit(ArchiveTesting.Body(good)));

    private static IEnumerable<BadInputCase> SurfaceCases()
    {
        yield return Async<AggregateNotFoundException>("IAggregateCommands<LearningSite>.ExecuteAsync(\"nowhere\", (s, c) => s.MarkCore(...))", w => w.WithServicesAsync(sp =>
            sp.GetRequiredService<IAggregateCommands<LearningSite>>().ExecuteAsync(new SiteId("nowhere"), (s, c) => s.MarkCore(PaperSites.KilifiDirector, c.Stamp)).AsTask()));
        yield return Async<InputLimitException>("IAggregateCommands<LearningSite>.ExecuteAsync(kilifi, (s, c) => s.AddPartnerInstitution(\"\", c.Stamp))", w => w.WithServicesAsync(sp =>
            sp.GetRequiredService<IAggregateCommands<LearningSite>>().ExecuteAsync(PaperSites.KilifiId, (s, c) => s.AddPartnerInstitution("", c.Stamp)).AsTask()), InputRule.Blank);
        yield return Async<CommandRejectedException>("IAggregateCommands<LearningSite>.ExecuteAsync(kilifi, (s, c) => s.MarkCore(ke-lead-researcher already core, c.Stamp))", w => w.WithServicesAsync(sp =>
            sp.GetRequiredService<IAggregateCommands<LearningSite>>().ExecuteAsync(PaperSites.KilifiId, (s, c) => s.MarkCore(PaperSites.KilifiLeadResearcher, c.Stamp)).AsTask()), SiteTrigger.MarkCore);
        yield return Async<ArgumentNullException>("IAggregateCommands<LearningSite>.ExecuteAsync(kilifi, decide: null)", w => w.WithServicesAsync(sp =>
            sp.GetRequiredService<IAggregateCommands<LearningSite>>().ExecuteAsync(PaperSites.KilifiId, null!).AsTask()), "decide");
        yield return Async<ArgumentException>("IAggregateCommands<LearningSite>.ExecuteAsync(default(SiteId), (s, c) => ...)", w => w.WithServicesAsync(sp =>
            sp.GetRequiredService<IAggregateCommands<LearningSite>>().ExecuteAsync(default(SiteId), (s, c) => s.MarkCore(PaperSites.KilifiDirector, c.Stamp)).AsTask()), "id");
        yield return Async<AggregateAlreadyExistsException>("IAggregateCommands<LearningSite>.CreateAsync(c => Kilifi registered again)", w => w.WithServicesAsync(sp =>
            sp.GetRequiredService<IAggregateCommands<LearningSite>>().CreateAsync(c => LearningSite.Register(new SiteRegistration(PaperSites.KilifiId, "Kilifi County", CountryCode.Kenya, Nairobi) { Level = SiteLevel.County, EngagedSinceYear = 2000 }, c.Stamp)).AsTask()));
        yield return Async<InputLimitException>("IAggregateCommands<EthicalDilemma>.ExecuteAsync(E1, (d, c) => d.Discuss(\"\\0\", c.Stamp))", w => w.WithServicesAsync(sp =>
            sp.GetRequiredService<IAggregateCommands<EthicalDilemma>>().ExecuteAsync(new DilemmaId("E1"), (d, c) => d.Discuss("\0", c.Stamp)).AsTask()), InputRule.ControlCharacter);
        yield return Async<AggregateNotFoundException>("AmendmentWorkflow.SubmitAsync(\"A-NONE\")", w => w.WithServicesAsync(sp => sp.GetRequiredService<AmendmentWorkflow>().SubmitAsync(new AmendmentId("A-NONE")).AsTask()));
        yield return Async<CommandRejectedException>("AmendmentWorkflow.SubmitAsync(A-REVIEW already submitted)", w => w.WithServicesAsync(sp => sp.GetRequiredService<AmendmentWorkflow>().SubmitAsync(new AmendmentId("A-REVIEW")).AsTask()), AmendmentTrigger.Submit);
        yield return Async<CommandRejectedException>("AmendmentWorkflow.ApproveAsync(A-DRAFT, 2015-06-01)", w => w.WithServicesAsync(sp => sp.GetRequiredService<AmendmentWorkflow>().ApproveAsync(new AmendmentId("A-DRAFT"), new LocalDate(2015, 6, 1)).AsTask()), AmendmentTrigger.Approve);
        yield return Async<InputLimitException>("AmendmentWorkflow.WithdrawAsync(A-REVIEW, \"\")", w => w.WithServicesAsync(sp => sp.GetRequiredService<AmendmentWorkflow>().WithdrawAsync(new AmendmentId("A-REVIEW"), "").AsTask()), InputRule.Blank);
        yield return Async<InputLimitException>($"AmendmentWorkflow.RejectAsync(A-REVIEW, \"no{Rlo}\" with a control \\u0007)", w => w.WithServicesAsync(sp => sp.GetRequiredService<AmendmentWorkflow>().RejectAsync(new AmendmentId("A-REVIEW"), "no\u0007").AsTask()), InputRule.ControlCharacter);
        yield return Async<UnknownCommitteeException>("ProtocolCommands.DraftAsync(Draft(\"P-NEW\")) for committee kemri-seru, whose policy is not registered", w => w.WithServicesAsync(sp => sp.GetRequiredService<ProtocolCommands>().DraftAsync(Protocols.ProtocolFixtures.Draft("P-NEW")).AsTask()));
        yield return Async<AggregateNotFoundException>("CycleCommands.ExecuteAsync(\"kilifi-1999\", (c, ctx) => c.Resume(ctx.Context))", w => w.WithServicesAsync(sp => sp.GetRequiredService<CycleCommands>().ExecuteAsync(new CycleId("kilifi-1999"), (c, ctx) => c.Resume(ctx.Context)).AsTask()));
        yield return Async<CommandRejectedException>("CycleCommands.ExecuteAsync(kilifi-2016, (c, ctx) => c.Resume(ctx.Context)) when not paused", w => w.WithServicesAsync(sp => sp.GetRequiredService<CycleCommands>().ExecuteAsync(new CycleId("kilifi-2016"), (c, ctx) => c.Resume(ctx.Context)).AsTask()), CycleTrigger.Resume);
        yield return Async<InvalidOperationException>("CycleCommands.ExecuteAsync(kilifi-2014, (c, ctx) => c.StartNext(...)) instead of StartNextAsync", w => w.WithServicesAsync(sp => sp.GetRequiredService<CycleCommands>().ExecuteAsync(new CycleId("kilifi-2014"), (c, ctx) => c.StartNext(new CycleId("kilifi-2015b"), "Focus", ctx.Context)).AsTask()));
        yield return Async<CommandRejectedException>("CycleCommands.StartNextAsync(kilifi-2016 still acting, \"kilifi-2017b\", \"Focus\")", w => w.WithServicesAsync(sp => sp.GetRequiredService<CycleCommands>().StartNextAsync(new CycleId("kilifi-2016"), new CycleId("kilifi-2017b"), "Focus").AsTask()), CycleTrigger.StartNextCycle);
        yield return Async<AggregateAlreadyExistsException>("CycleCommands.StartNextAsync(kilifi-2014, next: kilifi-2015 which exists, \"Focus\")", w => w.WithServicesAsync(sp => sp.GetRequiredService<CycleCommands>().StartNextAsync(new CycleId("kilifi-2014"), new CycleId("kilifi-2015"), "Focus").AsTask()));
        yield return Async<ArgumentNullException>("CycleCommands.RecordActionAsync(kilifi-2016, action: null)", w => w.WithServicesAsync(sp => sp.GetRequiredService<CycleCommands>().RecordActionAsync(new CycleId("kilifi-2016"), null!).AsTask()), "action");
        yield return Async<ArgumentNullException>("CycleCommands.StartAsync(opening: null)", w => w.WithServicesAsync(sp => sp.GetRequiredService<CycleCommands>().StartAsync(null!).AsTask()), "opening");
        yield return Sync<ArgumentOutOfRangeException>("DeviationWorkflow.DeviationOf(kilifi-2016, lapse: 0)", _ => DeviationWorkflow.DeviationOf(new CycleId("kilifi-2016"), 0), "lapse");
    }
}
