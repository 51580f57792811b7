namespace CoProduction.Ledger;

/// <summary>A managerial request for support: who asked, how, what, and what came of it. Checked when built.</summary>
/// <remarks>Who asked is named by position or office ("county director of health"), not by a person's name: the ledger keeps no personal data in free text.</remarks>
public sealed record ManagerialRequest
{
    /// <summary>Creates the details of a managerial request.</summary>
    /// <param name="requestedBy">Who asked, by position or office; a name, not blank or padded.</param>
    /// <param name="formality">Whether the request was formal or informal.</param>
    /// <param name="request">What was asked; free text, not blank.</param>
    /// <param name="outcome">What came of it; free text, not blank; <see langword="null"/> while not known.</param>
    /// <exception cref="System.ArgumentException">A blank or padded requester, an undefined formality, a blank request or a blank outcome.</exception>
    public ManagerialRequest(string requestedBy, RequestFormality formality, string request, string? outcome = null)
    {
        RequestedBy = Preconditions.CheckName(requestedBy, nameof(requestedBy));
        Formality = Preconditions.CheckDefined(formality, nameof(formality));
        Request = Preconditions.CheckText(request, nameof(request));
        Outcome = Preconditions.CheckOptionalText(outcome, nameof(outcome));
    }

    /// <summary>Gets who asked, by position or office.</summary>
    public string RequestedBy { get; }

    /// <summary>Gets whether the request was formal or informal.</summary>
    public RequestFormality Formality { get; }

    /// <summary>Gets what was asked.</summary>
    public string Request { get; }

    /// <summary>Gets what came of it; <see langword="null"/> while not known.</summary>
    public string? Outcome { get; }
}
