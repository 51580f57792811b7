using System;
using System.Threading.Tasks;
using Microsoft.Playwright;

namespace CoProduction.Board.Tests;

/// <summary>
/// The board in a real browser: headless Chromium against the app on a free loopback port, each test on its own
/// freshly seeded SQLite file, each user in their own browser context (their own cookie). Every test saves
/// screenshots of the pages it passes through.
/// </summary>
public sealed class BoardScenarioTests
{
    private static async Task PlanAsync(IPage page, string title, string method, string group)
    {
        await page.GetByLabel("Activity to plan").FillAsync(title);
        await page.GetByLabel("Data collection").SelectOptionAsync(method);
        await page.GetByLabel("Respondents").SelectOptionAsync(group);
        await page.GetByRole(AriaRole.Button, new() { Name = "Plan the activity" }).ClickAsync();
        await page.Locator("#activities").GetByText(title).WaitForAsync();
    }

    /// <summary>Plans an activity and endorses the plan as its researcher (the co-production policy asks for a researcher's and a manager's endorsement).</summary>
    private static async Task PlanAndEndorseAsync(IPage researcher, string title, string method, string group)
    {
        await PlanAsync(researcher, title, method, group);
        await Button(researcher, "Endorse the plan").ClickAsync();
        await researcher.Locator("#endorsements").GetByText("Endorsed by").WaitForAsync();
    }

    /// <summary>The researcher plans an activity and endorses it on the cycle's page; the manager, signed in beside them, endorses too.</summary>
    private static async Task EndorsedByBothAsync(Browser browser, BoardApp app, IPage researcher, string cycle, string manager, string title, string method, string group)
    {
        await researcher.GotoAsync(app.BaseUrl + "/Cycle/" + cycle);
        await PlanAndEndorseAsync(researcher, title, method, group);
        var page = await browser.SignedInAsync(app, manager);
        await page.GotoAsync(app.BaseUrl + "/Cycle/" + cycle);
        await Button(page, "Endorse the plan").ClickAsync();
        await page.Locator("#endorsements").GetByText(manager).WaitForAsync();
        await researcher.ReloadAsync();
    }

    private static ILocator Button(IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    [Fact]
    public async Task A_researcher_plans_an_activity_and_sees_start_acting_blocked_because_no_manager_has_endorsed()
    {
        await using var browser = await Browser.LaunchAsync();
        using var app = new BoardApp();
        var researcher = await browser.SignedInAsync(app, "ke-lead-researcher");
        Assert.Contains("Kilifi County", await researcher.Locator("#sites").InnerTextAsync(), StringComparison.Ordinal);

        // The programme's timeline picture, drawn from the read models, has loaded as an image of its full size.
        await researcher.WaitForFunctionAsync("() => document.querySelector('#timeline').complete && document.querySelector('#timeline').naturalWidth > 0");
        Assert.Equal(1200, await researcher.EvaluateAsync<int>("() => document.querySelector('#timeline').naturalWidth"));
        await researcher.WaitForFunctionAsync("() => document.querySelector('#comparison-chart').complete && document.querySelector('#comparison-chart').naturalWidth > 0");
        Assert.Equal(3, await researcher.Locator("#comparison tbody tr").CountAsync());
        Assert.Contains("Kilifi County", await researcher.Locator("#comparison").InnerTextAsync(), StringComparison.Ordinal);
        await Browser.ShotAsync(researcher, "01-programme");

        await researcher.GetByRole(AriaRole.Link, new() { Name = "cycle 1" }).First.ClickAsync();
        await researcher.GotoAsync(app.BaseUrl + "/Cycle/kilifi-1");
        await PlanAndEndorseAsync(researcher, "Interviews with the county health management team on budget decisions", "interview", "district-managers");

        Assert.Equal("Planning", await researcher.Locator("#stage").InnerTextAsync());
        Assert.True(await Button(researcher, "Start acting").IsDisabledAsync());
        var why = await researcher.Locator("#why-StartActing").InnerTextAsync();
        Assert.StartsWith("No manager has endorsed", why, StringComparison.Ordinal);
        Assert.DoesNotContain("No researcher", why, StringComparison.Ordinal);
        Assert.Equal("why-StartActing", await Button(researcher, "Start acting").GetAttributeAsync("aria-describedby"));
        await Browser.ShotAsync(researcher, "02-cycle-planned-blocked");
    }

    [Fact]
    public async Task The_manager_endorses_the_plan_and_then_the_researcher_starts_acting()
    {
        await using var browser = await Browser.LaunchAsync();
        using var app = new BoardApp();
        var researcher = await browser.SignedInAsync(app, "ke-lead-researcher");
        await researcher.GotoAsync(app.BaseUrl + "/Cycle/kilifi-1");
        await PlanAndEndorseAsync(researcher, "Interviews with the county health management team on budget decisions", "interview", "district-managers");

        var manager = await browser.SignedInAsync(app, "ke-health-director");
        await manager.GotoAsync(app.BaseUrl + "/Cycle/kilifi-1");
        await Button(manager, "Endorse the plan").ClickAsync();
        await manager.Locator("#endorsements").GetByText("ke-health-director").WaitForAsync();
        await Browser.ShotAsync(manager, "03-cycle-endorsed");

        await researcher.ReloadAsync();
        Assert.True(await Button(researcher, "Start acting").IsEnabledAsync());
        await Button(researcher, "Start acting").ClickAsync();
        await researcher.Locator("#stage").GetByText("Acting").WaitForAsync();
        await Browser.ShotAsync(researcher, "04-cycle-acting");

        // The site board, from the read models, shows the cycle acting (read-your-writes: the command waited for them).
        await researcher.GotoAsync(app.BaseUrl + "/Site/kilifi");
        Assert.Contains("Acting", await researcher.Locator("#open-cycles").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("cycle.acting-started", await researcher.Locator("#audit").InnerTextAsync(), StringComparison.Ordinal);
        await Browser.ShotAsync(researcher, "05-site-board");
    }

    [Fact]
    public async Task A_plan_with_journaling_is_blocked_by_the_ethics_gate_until_the_committee_approves_the_amendment()
    {
        await using var browser = await Browser.LaunchAsync();
        using var app = new BoardApp();
        var researcher = await browser.SignedInAsync(app, "mp-lead-researcher");
        await EndorsedByBothAsync(browser, app, researcher, "mitchells-plain-1", "mp-subdistrict-manager", "Facility managers keep journals of their everyday leadership", "journaling", "facility-managers");

        // Endorsed, but the gate refuses: no approved protocol covers journaling with facility managers.
        Assert.True(await Button(researcher, "Start acting").IsDisabledAsync());
        var why = await researcher.Locator("#why-StartActing").InnerTextAsync();
        Assert.Contains("journaling", why, StringComparison.Ordinal);
        Assert.DoesNotContain("endorsed", why, StringComparison.Ordinal);
        await Browser.ShotAsync(researcher, "06-cycle-blocked-by-the-gate");

        // The researcher proposes the amendment; the protocol page offers them no review or approval.
        await researcher.GotoAsync(app.BaseUrl + "/Protocol/DIALHS-1");
        await researcher.GetByLabel("Why the protocol needs it").FillAsync("Facility managers keep journals of their everyday leadership");
        await researcher.GetByLabel("Add a data-collection method").SelectOptionAsync("journaling");
        await Button(researcher, "Propose and submit").ClickAsync();
        await researcher.Locator("#status-DIALHS-1-A1").GetByText("Submitted").WaitForAsync();
        Assert.Equal(0, await researcher.Locator("#approve-DIALHS-1-A1").CountAsync());
        Assert.Equal(0, await researcher.Locator("#review-DIALHS-1-A1").CountAsync());

        // UCT's committee reviews and approves it: the protocol's version 2 covers journaling from today.
        var committee = await browser.SignedInAsync(app, "uct-hrec");
        await committee.GotoAsync(app.BaseUrl + "/Protocol/DIALHS-1");
        Assert.Equal(0, await committee.Locator("#propose").CountAsync());
        await committee.Locator("#review-DIALHS-1-A1").ClickAsync();
        await committee.Locator("#approve-DIALHS-1-A1").ClickAsync();
        await committee.Locator("#status-DIALHS-1-A1").GetByText("Approved").WaitForAsync();
        Assert.Equal(2, await committee.Locator("#versions tbody tr").CountAsync());
        Assert.Contains("added method 'journaling'", await committee.Locator("#diff").InnerTextAsync(), StringComparison.Ordinal);
        await Browser.ShotAsync(committee, "07-protocol-amended");

        // The plan proceeds.
        await researcher.GotoAsync(app.BaseUrl + "/Cycle/mitchells-plain-1");
        Assert.True(await Button(researcher, "Start acting").IsEnabledAsync());
        await Button(researcher, "Start acting").ClickAsync();
        await researcher.Locator("#stage").GetByText("Acting").WaitForAsync();
    }

    [Fact]
    public async Task A_researcher_posting_the_approve_form_directly_is_refused_with_403_and_nothing_changes()
    {
        await using var browser = await Browser.LaunchAsync();
        using var app = new BoardApp();
        var researcher = await browser.SignedInAsync(app, "mp-lead-researcher");
        await researcher.GotoAsync(app.BaseUrl + "/Protocol/DIALHS-1");
        await researcher.GetByLabel("Why the protocol needs it").FillAsync("Facility managers keep journals");
        await researcher.GetByLabel("Add a data-collection method").SelectOptionAsync("journaling");
        await Button(researcher, "Propose and submit").ClickAsync();
        await researcher.Locator("#status-DIALHS-1-A1").GetByText("Submitted").WaitForAsync();
        var committee = await browser.SignedInAsync(app, "uct-hrec");
        await committee.GotoAsync(app.BaseUrl + "/Protocol/DIALHS-1");
        await committee.Locator("#review-DIALHS-1-A1").ClickAsync();
        await committee.Locator("#status-DIALHS-1-A1").GetByText("UnderReview").WaitForAsync();

        // The form is not on the researcher's page; they build it by hand, with their own anti-forgery token.
        await researcher.ReloadAsync();
        Assert.Equal(0, await researcher.Locator("#approve-DIALHS-1-A1").CountAsync());
        var response = await researcher.RunAndWaitForResponseAsync(() => researcher.EvaluateAsync(@"() => {
            const form = document.createElement('form');
            form.method = 'post';
            form.action = '/Protocol/DIALHS-1?handler=Approve';
            const field = (name, value) => { const i = document.createElement('input'); i.type = 'hidden'; i.name = name; i.value = value; form.appendChild(i); };
            field('amendment', 'DIALHS-1-A1');
            field('commandId', 'forged-approval');
            field('__RequestVerificationToken', document.querySelector('#propose input[name=__RequestVerificationToken]').value);
            document.body.appendChild(form);
            form.submit();
        }"), r => r.Request.Method == "POST" && r.Url.Contains("handler=Approve", StringComparison.Ordinal));
        await researcher.WaitForLoadStateAsync();

        Assert.Equal(403, response.Status);
        var refusal = await researcher.Locator("#error").InnerTextAsync();
        Assert.Contains("mp-lead-researcher", refusal, StringComparison.Ordinal);
        await Browser.ShotAsync(researcher, "08-approve-refused-403");

        await committee.ReloadAsync();
        Assert.Equal("UnderReview", await committee.Locator("#status-DIALHS-1-A1").InnerTextAsync());
        Assert.Equal(1, await committee.Locator("#versions tbody tr").CountAsync());
    }

    [Fact]
    public async Task Two_users_commit_conflicting_commands_on_one_cycle_and_the_second_sees_a_message_and_the_fresh_state()
    {
        await using var browser = await Browser.LaunchAsync();
        using var app = new BoardApp();
        var researcher = await browser.SignedInAsync(app, "sb-lead-researcher");
        await researcher.GotoAsync(app.BaseUrl + "/Cycle/sedibeng-1");
        await PlanAsync(researcher, "Interviews on staff performance management", "interview", "district-managers");
        var manager = await browser.SignedInAsync(app, "sb-district-manager");
        await manager.GotoAsync(app.BaseUrl + "/Cycle/sedibeng-1");
        var seen = await researcher.Locator("#version").InnerTextAsync();
        Assert.Equal(seen, await manager.Locator("#version").InnerTextAsync());

        // Both pages show the same version. The manager endorses first and wins.
        await Button(manager, "Endorse the plan").ClickAsync();
        await manager.Locator("#endorsements").GetByText("sb-district-manager").WaitForAsync();

        // The researcher, on the page drawn before, plans a second activity: refused, nothing recorded, the fresh state shown.
        await researcher.GetByLabel("Activity to plan").FillAsync("Observation of the district management team meeting");
        var response = await researcher.RunAndWaitForResponseAsync(
            () => Button(researcher, "Plan the activity").ClickAsync(), r => r.Request.Method == "POST" && r.Url.Contains("handler=Plan", StringComparison.Ordinal));
        await researcher.WaitForLoadStateAsync();
        Assert.Equal(409, response.Status);
        Assert.Contains("changed since you opened this page", await researcher.Locator("#error").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("sb-district-manager", await researcher.Locator("#endorsements").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await researcher.Locator("#activities li").CountAsync());
        Assert.NotEqual(seen, await researcher.Locator("#version").InnerTextAsync());
        await Browser.ShotAsync(researcher, "09-conflict");
    }

    [Fact]
    public async Task A_whole_cycle_runs_in_the_browser_from_the_plan_to_completion()
    {
        await using var browser = await Browser.LaunchAsync();
        using var app = new BoardApp();
        var researcher = await browser.SignedInAsync(app, "ke-lead-researcher");
        await EndorsedByBothAsync(browser, app, researcher, "kilifi-1", "ke-health-director", "Interviews with the county health management team on budget decisions", "interview", "district-managers");
        await StepAsync(researcher, "Start acting", "Acting");
        await researcher.GetByLabel("What was done").FillAsync("Interviewed the county health management team");
        await researcher.GetByLabel("Data generated (one per line)").FillAsync("12 interview transcripts");
        await Button(researcher, "Record an action").ClickAsync();
        await researcher.Locator("#record").GetByText("Interviewed the county health management team").WaitForAsync();

        await StepAsync(researcher, "Start reflecting", "Reflecting");
        await researcher.GetByLabel("Meeting").SelectOptionAsync(new SelectOptionValue { Label = "WithManagers" });
        await researcher.GetByLabel("Lead researcher (Kilifi)").CheckAsync();
        await researcher.GetByLabel("County health director").CheckAsync();
        await researcher.GetByLabel("Insights (one per line)").FillAsync("Budget ceilings reach the county after its plans are due");
        await Button(researcher, "Record a reflection").ClickAsync();
        await researcher.Locator("#record").GetByText("Budget ceilings reach the county").WaitForAsync();

        await StepAsync(researcher, "Start evaluating", "Evaluating");
        await researcher.GetByLabel("Outcome").SelectOptionAsync(new SelectOptionValue { Label = "Achieved" });
        await researcher.GetByLabel("Evidence").FillAsync("All seven team members interviewed");
        await Button(researcher, "Record an evaluation").ClickAsync();
        await researcher.Locator("#record").GetByText("All seven team members interviewed").WaitForAsync();

        await StepAsync(researcher, "Start revising", "Revising");
        await researcher.GetByLabel("Lessons (one per line)").FillAsync("Start the budget interviews before the ceilings arrive");
        await Button(researcher, "Record a revision").ClickAsync();
        await researcher.Locator("#record").GetByText("Start the budget interviews before the ceilings arrive").WaitForAsync();

        await StepAsync(researcher, "Complete the cycle", "Completed");
        await Browser.ShotAsync(researcher, "12-cycle-completed");

        // The next cycle starts from the completed one (both written together), with the revision's lessons carried forward.
        await researcher.GetByLabel("What the next cycle is about").FillAsync("Budget interviews before the ceilings");
        await Button(researcher, "Start the next cycle").ClickAsync();
        await researcher.WaitForURLAsync(url => url.EndsWith("/Cycle/kilifi-2", StringComparison.Ordinal));
        Assert.Equal("Planning", await researcher.Locator("#stage").InnerTextAsync());
        await researcher.GotoAsync(app.BaseUrl + "/Site/kilifi");
        Assert.Equal(1, await researcher.Locator("#open-cycles > li").CountAsync());
        Assert.Contains("Cycle 2", await researcher.Locator("#open-cycles").InnerTextAsync(), StringComparison.Ordinal);
    }

    private static async Task StepAsync(IPage page, string button, string stage)
    {
        await Button(page, button).ClickAsync();
        await page.Locator("#stage").GetByText(stage, new() { Exact = true }).WaitForAsync();
    }

    [Fact]
    public async Task The_ledger_traces_Kilifi_s_Facility_Improvement_Fund_Act_back_to_the_user_fee_findings_and_takes_a_new_insight()
    {
        await using var browser = await Browser.LaunchAsync();
        using var app = new BoardApp();
        var researcher = await browser.SignedInAsync(app, "ke-lead-researcher");
        await researcher.GotoAsync(app.BaseUrl + "/Site/kilifi");
        await researcher.GetByRole(AriaRole.Link, new() { Name = "the ledger" }).ClickAsync();
        Assert.Equal(3, await researcher.Locator("#ledger tbody tr").CountAsync());
        Assert.Contains("Instrumental at DistrictOrCounty level: 1 claimed, 0 corroborated", await researcher.Locator("#impacts").InnerTextAsync(), StringComparison.Ordinal);

        // Back from the Act: the engagement that carried the findings and the insight they came from.
        await researcher.Locator("#ledger tbody tr", new() { HasText = "Facility Improvement Fund Act" }).GetByRole(AriaRole.Link, new() { Name = "where it came from" }).ClickAsync();
        var trail = await researcher.Locator("#trail").InnerTextAsync();
        Assert.Contains("kilifi-user-fee-feedback", trail, StringComparison.Ordinal);
        Assert.Contains("kilifi-user-fees", trail, StringComparison.Ordinal);
        await Browser.ShotAsync(researcher, "13-ledger-trail");

        // A blank insight is refused beside its field; a real one is recorded and listed.
        await researcher.GetByLabel("What was learnt").FillAsync(" ");
        await Button(researcher, "Record the insight").ClickAsync();
        Assert.False(string.IsNullOrWhiteSpace(await researcher.Locator("#Statement-error").InnerTextAsync()));
        Assert.Equal(3, await researcher.Locator("#ledger tbody tr").CountAsync());
        await researcher.GetByLabel("What was learnt").FillAsync("Hospital managers want the Act's rules explained at facility level");
        await Button(researcher, "Record the insight").ClickAsync();
        await researcher.Locator("#ledger").GetByText("Hospital managers want the Act's rules explained at facility level").WaitForAsync();
        Assert.Equal(4, await researcher.Locator("#ledger tbody tr").CountAsync());
    }

    [Fact]
    public async Task The_cycle_page_fits_375_pixels_and_its_forms_work_from_the_keyboard()
    {
        await using var browser = await Browser.LaunchAsync();
        using var app = new BoardApp();
        var researcher = await browser.SignedInAsync(app, "ke-lead-researcher", width: 375);
        await researcher.GotoAsync(app.BaseUrl + "/Cycle/kilifi-1");
        Assert.True(await researcher.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 375"));

        // Keyboard only: focus the title field, type, tab to the button, press Enter.
        await researcher.GetByLabel("Activity to plan").FocusAsync();
        await researcher.Keyboard.PressAsync("Control+A");
        await researcher.Keyboard.TypeAsync("Document review of the county budget");
        var button = Button(researcher, "Plan the activity");
        for (var i = 0; i < 10 && !await button.EvaluateAsync<bool>("b => b === document.activeElement"); i++)
        {
            await researcher.Keyboard.PressAsync("Tab");
        }

        await researcher.Keyboard.PressAsync("Enter");
        await researcher.Locator("#activities").GetByText("Document review of the county budget").WaitForAsync();
        Assert.True(await researcher.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 375"));
        await Browser.ShotAsync(researcher, "10-cycle-375px");

        // A blank title is the library's refusal, shown beside the field; nothing is planned.
        await researcher.GetByLabel("Activity to plan").FillAsync(" ");
        await Button(researcher, "Plan the activity").ClickAsync();
        var error = await researcher.Locator("#PlanTitle-error").InnerTextAsync();
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.Equal(1, await researcher.Locator("#activities li").CountAsync());
        await Browser.ShotAsync(researcher, "11-field-error");
    }
}
