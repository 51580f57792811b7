using System;
using System.IO;
using System.Text;
using CoProduction.Persistence;
using NodaTime;

namespace CoProduction.Tests.Persistence;

internal static class StoreTesting
{
    /// <summary>The SHA-256 of a file's bytes, in lower-case hex: the one way tests prove a file was left as it was.</summary>
    public static string FileHash(string path) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));

    public static readonly Instant Start = Instant.FromUtc(2016, 3, 1, 8, 0);

    public static EventData Event(string name, string payload = "{}", int schema = 1) => new(
        name, schema, Encoding.UTF8.GetBytes(payload), Start, Actor.Named("test"));

    public static EventData Numbered(int n) => new(
        "test.numbered", 1, Encoding.UTF8.GetBytes($$"""{"n":{{n}}}"""), Start + Duration.FromNanoseconds(n), Actor.Member(new MemberId("m" + n % 7)));

    public static int NumberOf(StoredEvent e)
    {
        using var document = System.Text.Json.JsonDocument.Parse(e.Payload);
        return document.RootElement.GetProperty("n").GetInt32();
    }

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CoProduction.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("CoProduction.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A temporary folder, deleted with everything in it on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "coproduction-tests-" + Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still be releasing the file; the OS temp cleaner will finish.
        }
    }
}
