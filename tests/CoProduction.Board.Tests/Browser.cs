using System;
using System.IO;
using System.Threading.Tasks;
using Microsoft.Playwright;

namespace CoProduction.Board.Tests;

/// <summary>
/// Debian's Chromium driven by Playwright, launched by its executable path (Playwright downloads no browser here).
/// Without Chromium the browser tests are skipped with the reason — except under <c>CI=true</c>, where they fail.
/// </summary>
internal sealed class Browser : IAsyncDisposable
{
    /// <summary>The Chromium the tests launch: <c>COPRODUCTION_CHROMIUM</c> when set, else Debian's <c>/usr/bin/chromium</c>.</summary>
    public static string ExecutablePath { get; } = Environment.GetEnvironmentVariable("COPRODUCTION_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>Where the screenshots go: <c>screenshots/</c> beside the test assembly.</summary>
    public static string Screenshots { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    private readonly IPlaywright playwright;

    private Browser(IPlaywright playwright, IBrowser browser)
    {
        this.playwright = playwright;
        Chromium = browser;
    }

    public IBrowser Chromium { get; }

    /// <summary>Launches headless Chromium, or skips (fails under CI) when it is not installed.</summary>
    public static async Task<Browser> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            var why = $"Chromium is not at {ExecutablePath}: install it (apt-get install chromium) or set COPRODUCTION_CHROMIUM to run the board's browser tests.";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(why + " Under CI=true they must run.");
            }

            Assert.Skip(why);
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
        return new Browser(playwright, browser);
    }

    /// <summary>A new browser context (its own cookies) at the given width, signed in as the user.</summary>
    public async Task<IPage> SignedInAsync(BoardApp app, string user, int width = 1100)
    {
        var context = await Chromium.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = 900 } });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/");

        // Signed out, the board sends the user to its sign-in page; the fields are found by their labels.
        await page.WaitForURLAsync(url => url.Contains("/Login", StringComparison.Ordinal));
        await page.GetByLabel("User name").FillAsync(user);
        await page.GetByLabel("Password").FillAsync("demo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Login", StringComparison.Ordinal));
        return page;
    }

    /// <summary>Saves a full-page screenshot under <see cref="Screenshots"/>.</summary>
    public static Task ShotAsync(IPage page, string name)
        => page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        await Chromium.DisposeAsync();
        playwright.Dispose();
    }
}
