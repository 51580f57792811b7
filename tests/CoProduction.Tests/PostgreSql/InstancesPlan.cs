using System;
using System.Collections.Generic;
using System.Globalization;
using CoProduction.Persistence;
using CoProduction.Scheduling;
using NodaTime;

namespace CoProduction.Tests.PostgreSql;

/// <summary>
/// The work of the multi-instance PostgreSQL test, the same in the app processes (linked into the crash writer, which
/// runs it) and in the test (which checks the store against it): a fixed set of shared sites, each instance's own
/// commands on them, the shared commands every instance issues, and the staged reminders.
/// </summary>
/// <remarks>
/// Every instance works on the same <see cref="Sites"/> sites, so commands of different processes race for the same
/// streams (conflicts, retried by the command service). Within an instance, worker <c>w</c> runs the commands on the sites
/// with <c>site % Workers == w</c>, in list order, so an instance's engagement of a member always follows its addition.
/// A shared command has the same id, site, actor and decision in every instance: one of them records it, the others
/// find it recorded (a duplicate). The list depends only on the instance's number, so a restarted instance issues the
/// same commands under the same ids.
/// </remarks>
internal static class InstancesPlan
{
    /// <summary>How many sites every instance works on.</summary>
    public const int Sites = 24;

    /// <summary>How many commands an instance runs at once (one per group of sites).</summary>
    public const int Workers = 4;

    /// <summary>The time between two staged reminders' due instants.</summary>
    public static readonly Duration ReminderSpacing = Duration.FromMilliseconds(200);

    /// <summary>The first day of the engagements the commands record.</summary>
    private static readonly LocalDate FirstDay = new(2025, 1, 1);

    /// <summary>A shared site's id.</summary>
    /// <param name="site">Its number, from 0.</param>
    /// <returns>The id.</returns>
    public static SiteId Site(int site) => new("pg-site-" + site.ToString("00", CultureInfo.InvariantCulture));

    /// <summary>The id of the shared command <paramref name="j"/>.</summary>
    /// <param name="j">Its number, from 0.</param>
    /// <returns>The id.</returns>
    public static CommandId SharedId(int j) => new("shared-" + j.ToString(CultureInfo.InvariantCulture));

    /// <summary>An instance's commands, in order: <paramref name="own"/> of its own and the <paramref name="shared"/> shared ones spread among them.</summary>
    /// <param name="instance">The instance's number.</param>
    /// <param name="own">How many commands of its own.</param>
    /// <param name="shared">How many shared commands.</param>
    /// <returns>The commands.</returns>
    public static IReadOnlyList<PlannedCommand> For(int instance, int own, int shared)
    {
        var random = new Random(7919 * (instance + 1));
        var members = new List<string>[Sites];
        for (var s = 0; s < Sites; s++)
        {
            members[s] = [];
        }

        var commands = new List<PlannedCommand>(own + shared);
        var nextShared = 0;
        for (var n = 0; n < own; n++)
        {
            while (nextShared < shared && (long)nextShared * own <= (long)n * shared)
            {
                var id = SharedId(nextShared);
                commands.Add(new PlannedCommand(id, nextShared % Sites, id.Value, Adds: true, Actor.Named("programme-office"), FirstDay));
                nextShared++;
            }

            var site = random.Next(Sites);
            var by = Actor.Named("instance-" + instance.ToString(CultureInfo.InvariantCulture));
            var commandId = new CommandId(string.Create(CultureInfo.InvariantCulture, $"i{instance}-{n}"));
            var on = FirstDay.PlusDays(n % 365);
            if (members[site].Count > 0 && random.Next(2) == 0)
            {
                commands.Add(new PlannedCommand(commandId, site, members[site][random.Next(members[site].Count)], Adds: false, by, on));
            }
            else
            {
                var member = "m" + commandId.Value;
                members[site].Add(member);
                commands.Add(new PlannedCommand(commandId, site, member, Adds: true, by, on));
            }
        }

        for (; nextShared < shared; nextShared++)
        {
            var id = SharedId(nextShared);
            commands.Add(new PlannedCommand(id, nextShared % Sites, id.Value, Adds: true, Actor.Named("programme-office"), FirstDay));
        }

        return commands;
    }

    /// <summary>
    /// The staged reminders: cycle stages entered at <paramref name="from"/> whose expected lengths end one
    /// <see cref="ReminderSpacing"/> apart, so a new reminder falls due every 200 ms while the instances work.
    /// </summary>
    /// <param name="from">The instant the first one is due.</param>
    /// <param name="count">How many.</param>
    /// <returns>The reminder source's inputs.</returns>
    public static ReminderInputs StagedReminders(Instant from, int count)
    {
        var stages = new List<CycleStageInput>(count);
        for (var k = 0; k < count; k++)
        {
            stages.Add(new CycleStageInput(
                new CycleId("staged-" + k.ToString(CultureInfo.InvariantCulture)),
                "Planning",
                from,
                Period.FromMilliseconds((long)(ReminderSpacing * k).TotalMilliseconds),
                DateTimeZone.Utc));
        }

        return new ReminderInputs { CycleStages = [.. stages] };
    }
}

/// <summary>One planned command: add a member to a site (<paramref name="Adds"/>) or record that member's engagement.</summary>
/// <param name="Id">The command's id.</param>
/// <param name="Site">The site's number.</param>
/// <param name="Member">The member's id.</param>
/// <param name="Adds">Whether the command adds the member (else it records an engagement).</param>
/// <param name="By">Who issues it.</param>
/// <param name="On">The engagement's date.</param>
internal sealed record PlannedCommand(CommandId Id, int Site, string Member, bool Adds, Actor By, LocalDate On);
