using System;
using System.IO;
using System.Linq;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CoProduction.Board.Tests;

/// <summary>
/// The board app itself — its Program, seeded on start — served by Kestrel on a free loopback port, with its own
/// SQLite file in a new temporary folder (removed on dispose), so every test starts from the seeded programme.
/// </summary>
internal sealed class BoardApp : WebApplicationFactory<Program>
{
    private readonly string folder = Directory.CreateTempSubdirectory("coproduction-board-").FullName;

    public BoardApp()
    {
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()
            ?? throw new InvalidOperationException("Kestrel reported no addresses.");
        BaseUrl = addresses.Addresses.Single().TrimEnd('/');
    }

    /// <summary>Gets the app's address, for example <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; }

    /// <summary>Gets the app's SQLite file.</summary>
    public string Database => Path.Combine(folder, "board.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Board:Database", Database);
        builder.UseEnvironment("Production");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the closing server; the temporary folder is left for the OS to clean.
        }
    }
}
