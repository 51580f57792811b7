using NodaTime;

namespace CoProduction.Protocols;

/// <summary>
/// Example committee policies drawn from public guidance. They are starting points, not legal
/// advice: read your committee's current standard operating procedures and adjust a copy with
/// <c>with { ... }</c>.
/// </summary>
public static class CommitteePolicies
{
    /// <summary>
    /// A Kenyan national committee, after the published practice of a national scientific ethics
    /// review unit: every active study is renewed every year, including studies closed to
    /// recruitment and studies where only analysis or writing remains; a late renewal means the
    /// study pauses and a deviation is filed; deviations are reported within 7 working days of
    /// learning of them. The renewal is assumed due two months before expiry.
    /// </summary>
    public static CommitteePolicy KenyaNationalCommittee { get; } = new(
        "Kenyan national committee (example)",
        Period.FromYears(1),
        Period.FromMonths(2),
        [60, 30, 15, 7],
        AnalysisOnlyStudiesNeedRenewal: true,
        LapsedApprovalCanBeRenewed: true,
        LateRenewalPausesStudy: true,
        NonSubstantialAmendmentsAsNotification: false,
        DeviationReportingWorkingDays: 7,
        "Example after a Kenyan national ethics review unit's published guidance (annual renewal of all open studies, pause and deviation on late renewal, deviations within 7 working days). The two-month renewal lead and the reminder lead times are assumptions; confirm all values with your committee.");

    /// <summary>
    /// A South African university committee: annual approval, a progress report due two months
    /// before expiry, and a protocol whose approval has lapsed needs a new application. The
    /// deviation deadline (10 working days) and the notification rule are assumptions to confirm.
    /// </summary>
    public static CommitteePolicy SouthAfricanUniversityCommittee { get; } = new(
        "South African university committee (example)",
        Period.FromYears(1),
        Period.FromMonths(2),
        [60, 30, 15, 7],
        AnalysisOnlyStudiesNeedRenewal: true,
        LapsedApprovalCanBeRenewed: false,
        LateRenewalPausesStudy: true,
        NonSubstantialAmendmentsAsNotification: true,
        DeviationReportingWorkingDays: 10,
        "Example after South African university research ethics committees' published practice (annual progress report two months before expiry; lapsed approval needs a new application). The deviation deadline and the notification rule are assumptions; confirm all values with your committee.");

    /// <summary>
    /// The US Common Rule as revised in 2018 (45 CFR 46): no continuing review for research eligible
    /// for expedited review, nor for studies where only data analysis remains, unless the IRB decides
    /// otherwise — so approvals are open-ended. The deviation deadline (10 working days) is an
    /// assumption: IRBs set their own.
    /// </summary>
    public static CommitteePolicy UsCommonRule2018Expedited { get; } = new(
        "US Common Rule 2018, expedited study (example)",
        null,
        Period.FromMonths(1),
        [60, 30, 15, 7],
        AnalysisOnlyStudiesNeedRenewal: false,
        LapsedApprovalCanBeRenewed: true,
        LateRenewalPausesStudy: true,
        NonSubstantialAmendmentsAsNotification: false,
        DeviationReportingWorkingDays: 10,
        "Example after the 2018 revised Common Rule (continuing review not required for expedited or analysis-only research unless the IRB determines otherwise). If your IRB keeps continuing review, use a copy with RenewalInterval = one year. The deviation deadline is an assumption; confirm with your IRB.");
}
