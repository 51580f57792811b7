using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using CoProduction.Access;
using CoProduction.Persistence;
using CoProduction.Projections;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace CoProduction.Samples.Board;

/// <summary>
/// What every page with forms does the same way: run one command, then wait until the read models have what it
/// wrote (read-your-writes) before the redirect shows them; or show the library's refusal on the page — beside the
/// field it names, or above the forms — with the status the refusal deserves. Nothing is written when a command is
/// refused, so the page then shows the state as it stands.
/// </summary>
public abstract class BoardPage : PageModel
{
    /// <summary>How long a page waits for the read models after a command before it shows them with a "still updating" note.</summary>
    private static readonly TimeSpan ReadYourWrites = TimeSpan.FromSeconds(5);

    /// <summary>Gets the refusal to show above the forms, when a command was refused.</summary>
    public string? Error { get; private set; }

    /// <summary>Gets the refusal's reasons, one per line.</summary>
    public IReadOnlyList<string> ErrorReasons { get; private set; } = [];

    /// <summary>Gets a value indicating whether the read models were still catching up when the page was drawn.</summary>
    public bool StillUpdating { get; private set; }

    /// <summary>Runs a command; returns the redirect on success, or <see langword="null"/> after recording the refusal.</summary>
    /// <param name="command">The command; returns the store position of what it wrote (0 when it wrote nothing).</param>
    /// <param name="fields">Maps a refused argument's parameter name to the form field it came from.</param>
    /// <param name="then">Where to go when it succeeded.</param>
    protected async Task<IActionResult?> TryAsync(Func<Task<long>> command, IReadOnlyDictionary<string, string> fields, Func<IActionResult> then)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(then);
        try
        {
            var position = await command();
            var runner = HttpContext.RequestServices.GetRequiredService<ProjectionRunner>();
            StillUpdating = !await runner.WaitForAsync(position, ReadYourWrites, HttpContext.RequestAborted);
            return then();
        }
        catch (AccessDeniedException e)
        {
            Response.StatusCode = 403;
            Error = e.Message;
        }
        catch (ChangedSinceOpenedException e)
        {
            Response.StatusCode = 409;
            Error = e.Message;
        }
        catch (ConcurrencyException e)
        {
            Response.StatusCode = 409;
            Error = "Someone else changed this at the same moment: " + e.Message + " Here is how it stands now.";
        }
        catch (CommandRejectedException e)
        {
            Response.StatusCode = 422;
            Error = $"Refused: {e.Trigger} is not possible while the {e.Aggregate} is {e.State}.";
            ErrorReasons = e.Reasons;
        }
        catch (ArgumentException e) when (e.ParamName is not null && fields.TryGetValue(e.ParamName, out var field))
        {
            Response.StatusCode = 422;
            ModelState.AddModelError(field, e.Message);
        }
        catch (CoProductionException e)
        {
            Response.StatusCode = 422;
            Error = e.Message;
        }

        return null;
    }
}

/// <summary>The page was drawn from a version of the aggregate that another user has changed since: nothing was written.</summary>
public sealed class ChangedSinceOpenedException : Exception
{
    /// <summary>Creates the refusal.</summary>
    /// <param name="what">What changed, for example "cycle kilifi-1".</param>
    /// <param name="seen">The version the page showed.</param>
    /// <param name="now">The version now.</param>
    public ChangedSinceOpenedException(string what, long seen, long now)
        : base($"{what} changed since you opened this page (version {seen}, now {now}), so your command was not recorded. The page now shows how it stands: check it and try again if it still applies.")
    {
    }

    /// <summary>Creates the refusal with a message.</summary>
    public ChangedSinceOpenedException()
    {
    }

    /// <summary>Creates the refusal with a message.</summary>
    /// <param name="message">The message.</param>
    public ChangedSinceOpenedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the refusal with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ChangedSinceOpenedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
