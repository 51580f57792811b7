using System;
using System.IO;
using CoProduction;
using CoProduction.Commands;
using CoProduction.DependencyInjection;
using CoProduction.Projections;
using CoProduction.Protocols;
using CoProduction.Samples.Board;
using CoProduction.Storage.Sqlite;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NodaTime;

// The board: Razor Pages over AddCoProduction with the SQLite store, cookie sign-in for the seeded users,
// the library's access policy behind every command, and the paper's three sites seeded on first run.
var builder = WebApplication.CreateBuilder(args);
var database = Path.GetFullPath(builder.Configuration["Board:Database"] ?? "board.db", Directory.GetCurrentDirectory());

builder.Services.AddHttpContextAccessor();
builder.Services.AddCoProduction(CoProductionOptions.DefaultSectionName)
    .UseSqliteStore(database)
    .AddCommitteePolicy(Seed.Kemri, CommitteePolicies.KenyaNationalCommittee)
    .AddAdministrator(Seed.Coordinator)
    .AddCommitteeReviewer(Seed.Kemri, Actor.Named("kemri-seru"), new LocalDate(2010, 1, 1))
    .UseCurrentActor(sp => new ClaimsCurrentActor(() => sp.GetRequiredService<IHttpContextAccessor>().HttpContext?.User));
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
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.MapHealthChecks("/health");
app.MapRazorPages();
await Seed.RunAsync(app.Services);
await app.RunAsync();

/// <summary>The app's entry point, visible to the browser tests' fixture.</summary>
public partial class Program;
