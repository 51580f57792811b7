using System;
using System.IO;
using CoProduction.Commands;
using CoProduction.DependencyInjection;
using CoProduction.Projections;
using CoProduction.Reports;
using CoProduction.Samples.Board;
using CoProduction.Storage.PostgreSql;
using CoProduction.Storage.Sqlite;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

// The board: Razor Pages over AddCoProduction with the SQLite store (PostgreSQL by configuration), cookie sign-in
// for the seeded users, the library's access policy behind every command, and the paper's three sites seeded on
// first run.
var builder = WebApplication.CreateBuilder(args);

builder.Services.AddHttpContextAccessor();
var coproduction = builder.Services.AddCoProduction(CoProductionOptions.DefaultSectionName)
    .AddAdministrator(Seed.Coordinator)
    .AddReports()
    .UseCurrentActor(sp => new ClaimsCurrentActor(() => sp.GetRequiredService<IHttpContextAccessor>().HttpContext?.User));
foreach (var (committee, policy, reviewer) in Seed.Committees)
{
    coproduction.AddCommitteePolicy(committee, policy).AddCommitteeReviewer(committee, reviewer, Seed.ReviewersFrom);
}

// Board:Store = sqlite (the default, the file Board:Database) or postgresql (the connection string ConnectionStrings:Board).
if (string.Equals(builder.Configuration["Board:Store"], "postgresql", StringComparison.OrdinalIgnoreCase))
{
    coproduction.UsePostgreSqlStore(builder.Configuration.GetConnectionString("Board")
        ?? throw new InvalidOperationException("Board:Store is postgresql but ConnectionStrings:Board is not set: give it, for example --ConnectionStrings:Board=\"Host=127.0.0.1;Database=board;Username=board\"."));
}
else
{
    coproduction.UseSqliteStore(Path.GetFullPath(builder.Configuration["Board:Database"] ?? "board.db", Directory.GetCurrentDirectory()));
}

// Board:Telemetry = console writes the app's traces and metrics (ASP.NET Core's and the library's "CoProduction" source and meter) to the console.
if (string.Equals(builder.Configuration["Board:Telemetry"], "console", StringComparison.OrdinalIgnoreCase))
{
    builder.Services.AddOpenTelemetry()
        .WithTracing(t => t.AddAspNetCoreInstrumentation().AddSource("CoProduction").AddConsoleExporter())
        .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddMeter("CoProduction").AddConsoleExporter());
}

builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
    .AddCookie(o =>
    {
        o.LoginPath = "/Login";
        o.AccessDeniedPath = "/Forbidden";
    });
builder.Services.AddAuthorization();
builder.Services.AddRazorPages(o => o.Conventions.AuthorizeFolder("/").AllowAnonymousToPage("/Login").AllowAnonymousToPage("/Error").AllowAnonymousToPage("/Forbidden"));
builder.Services.AddHealthChecks().AddCheck<ProjectionHealthCheck>("projections");

var app = builder.Build();
app.UseExceptionHandler("/Error");
app.UseStatusCodePagesWithReExecute("/Error", "?status={0}");
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.MapHealthChecks("/health");
app.MapRazorPages();
await Seed.RunAsync(app.Services);
await app.RunAsync();

/// <summary>The app's entry point, visible to the browser tests' fixture.</summary>
public partial class Program;
