using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using CoProduction.Commands;
using CoProduction.DependencyInjection;
using CoProduction.Persistence;
using CoProduction.Privacy;
using CoProduction.ReadModels;
using CoProduction.Sites;
using CoProduction.Storage.Sqlite;
using CoProduction.Tests.Persistence;
using CoProduction.Tests.Sites;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace CoProduction.Tests.Samples.Snippets;

// The code blocks of docs/privacy.md, compiled and run (DocsSnippetTests keeps the page and the regions equal).
public sealed class PrivacySnippets
{
    [Fact]
    public async Task A_member_erased_at_their_request_reads_as_the_marker_and_their_name_leaves_the_file()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new TempFolder();
        var path = folder.File("programme.db");
        var masterKeyFromSecrets = Convert.ToBase64String(RandomNumberGenerator.GetBytes(PersonalDataProtector.KeySize));
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(new FakeClock(Instant.FromUtc(2019, 2, 1, 6, 0)));

        #region privacy-setup
        services.AddCoProduction(o => o.DefaultTimeZone = "Africa/Nairobi")
            .UseSqliteStore(path)
            .ProtectPersonalData(o => o.MasterKey = Convert.FromBase64String(masterKeyFromSecrets))   // from the app's secret store
            .AddAdministrator(Actor.Named("resyst-coordinator"));
        #endregion

        await using var provider = services.BuildServiceProvider(validateScopes: true);
        await using var scope = provider.CreateAsyncScope();
        var coordinator = Actor.Named("resyst-coordinator");
        var sites = scope.ServiceProvider.GetRequiredService<IAggregateCommands<LearningSite>>();
        await sites.CreateAsync(_ => PaperSites.Kilifi(), actor: coordinator, cancellationToken: ct);
        await sites.ExecuteAsync(new SiteId("kilifi"), (site, ctx) => site.AddMember(new MemberId("ke-facility-manager-3"), "Amina Chengo", ctx.Stamp, pseudonym: "Facility manager C"), actor: coordinator, cancellationToken: ct);

        #region privacy-erase
        var erasure = scope.ServiceProvider.GetRequiredService<PersonalDataCommands>();
        await erasure.EraseMemberAsync(
            new SiteId("kilifi"), new MemberId("ke-facility-manager-3"),
            requestedBy: "the member, by letter of 2019-01-28",
            reason: "Kenya Data Protection Act 2019, s. 40 (right to erasure)",
            actor: Actor.Named("resyst-coordinator"),
            cancellationToken: ct);
        await scope.ServiceProvider.GetRequiredService<SqliteEventStore>().CompactAsync(ct);   // no deleted bytes left in the file

        var kilifi = await scope.ServiceProvider.GetRequiredService<AggregateRepository<LearningSite>>()
            .LoadAsync(AggregateRepository<LearningSite>.StreamOf(new SiteId("kilifi")), ct);
        var member = kilifi.State.FindMember(new MemberId("ke-facility-manager-3"))!;
        Console.WriteLine($"{member.DisplayName} / {member.NameForReports} / erased: {member.IsErased}");
        // [erased] / Facility manager C / erased: True
        #endregion

        Assert.Equal((PersonalData.ErasedMarker, "Facility manager C", true), (member.DisplayName, member.NameForReports, member.IsErased));
        Assert.DoesNotContain("Chengo", Encoding.UTF8.GetString(File.ReadAllBytes(path)), StringComparison.Ordinal);
    }
}
