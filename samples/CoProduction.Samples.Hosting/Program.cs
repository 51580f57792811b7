using System;
using System.IO;
using System.Threading;
using CoProduction;
using CoProduction.Commands;
using NodaTime;
using CoProduction.Protocols;
using CoProduction.Samples.Hosting;
using CoProduction.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using CoProduction.DependencyInjection;

// A generic-host app: options from appsettings.json, the embedded SQLite store, a handler that
// prints every status change, a handler for reminders, and the background sweeps. It stops by
// itself after --run-for seconds (default 5; 0 runs until Ctrl+C).
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
var data = Path.GetFullPath(builder.Configuration["Sample:DataFolder"] ?? "coproduction-hosting", Directory.GetCurrentDirectory());
Directory.CreateDirectory(data);

// The ten lines an app needs:
#region ten-lines
builder.Services.AddCoProduction(CoProductionOptions.DefaultSectionName)       // options from appsettings.json, validated at start
    .UseSqliteStore(Path.Combine(data, "hosting.db"))                            // events and notification checkpoints, one file
    .AddCommitteePolicy(Identities.Kemri, CommitteePolicies.KenyaNationalCommittee)
    .AddNotificationHandler<PrintStatusChanges>()                                // every committed event, in order, at least once
    .AddReminderHandler<PrintReminders>()                                        // approvals about to lapse, overrunning stages, meetings
    .AddAdministrator(Identities.Coordinator)                                    // registers sites and their teams
    .AddCommitteeReviewer(Identities.Kemri, Actor.Named("kemri-seru"), new LocalDate(2010, 1, 1))   // who reviews for the committee
    .UseCurrentActor(_ => new ClaimsCurrentActor(() => Identities.Worker));     // a worker, not a web app: it acts as its own identity
builder.Services.AddHostedService<KilifiTeam>();                                 // the sample's "users": a few commands to watch
using var host = builder.Build();
#endregion

var seconds = builder.Configuration.GetValue("run-for", builder.Configuration.GetValue("Sample:RunForSeconds", 5.0));
using var stop = seconds > 0 ? new CancellationTokenSource(TimeSpan.FromSeconds(seconds)) : new CancellationTokenSource();
Console.WriteLine($"CoProduction hosting sample: store {Path.Combine(data, "hosting.db")}; " + (seconds > 0 ? $"stopping after {seconds} s." : "Ctrl+C to stop."));
await host.RunAsync(stop.Token);
Console.WriteLine("Stopped. Run again: events already handled are not printed twice (the checkpoints are in the same file).");

