using System.Threading;
using System.Threading.Tasks;
using NodaTime;

namespace CoProduction.Notifications;

/// <summary>
/// Elects one process for work that must not run twice at once (the notification dispatcher, the sweep): a named
/// lease, held by one holder until it expires, kept in the store every process shares.
/// </summary>
/// <remarks>
/// The port is store-neutral: the caller says what time it is, so an implementation never reads a clock (a row with
/// an expiry in SQLite; a session's advisory lock on PostgreSQL may ignore the instants). A holder killed without
/// releasing keeps its lease until it expires; then any other holder may take it.
/// </remarks>
public interface ILeaseStore
{
    /// <summary>
    /// Takes the lease, or renews it when <paramref name="holder"/> holds it already, until <paramref name="now"/>
    /// plus <paramref name="duration"/>. Refused while another holder's lease has not expired at <paramref name="now"/>.
    /// </summary>
    /// <param name="lease">The lease's stable name, for example <c>coproduction.dispatcher</c>.</param>
    /// <param name="holder">Who asks: unique per process (or per app instance within one).</param>
    /// <param name="now">The current instant, from the app's clock.</param>
    /// <param name="duration">How long the lease lasts unless renewed; positive.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns><see langword="true"/> when <paramref name="holder"/> now holds the lease; <see langword="false"/> when another does.</returns>
    /// <exception cref="System.ArgumentException"><paramref name="lease"/> or <paramref name="holder"/> is null, empty or blank.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="duration"/> is zero or negative.</exception>
    ValueTask<bool> TryAcquireAsync(string lease, string holder, Instant now, Duration duration, CancellationToken cancellationToken = default);

    /// <summary>Gives the lease up, so another holder may take it at once; does nothing when <paramref name="holder"/> does not hold it.</summary>
    /// <param name="lease">The lease's name.</param>
    /// <param name="holder">The holder giving it up.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the lease is released.</returns>
    /// <exception cref="System.ArgumentException"><paramref name="lease"/> or <paramref name="holder"/> is null, empty or blank.</exception>
    ValueTask ReleaseAsync(string lease, string holder, CancellationToken cancellationToken = default);
}
