using System.Text.Json.Serialization;

namespace CoProduction.Cycles;

/// <summary>What happens to an action on a data-collecting activity that no approved protocol covers on its date.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OutOfApprovalActions>))]
public enum OutOfApprovalActions
{
    /// <summary>The action is refused with the ethics gate's reasons (the default).</summary>
    Refuse = 0,

    /// <summary>
    /// The action is recorded together with the gate's reasons as an
    /// <see cref="ActionRecordedOutsideApproval"/> event, so the app opens a protocol deviation. Never silent.
    /// </summary>
    RecordWithDeviation = 1,
}
