using System;

namespace CoProduction.Persistence;

/// <summary>
/// A database store (events, checkpoints, leases, projections) could not open, reach, read or write its storage; the
/// concrete type says which kind of store (<c>SqliteStoreException</c>, <c>PostgreSqlStoreException</c>) and carries its
/// <c>Reason</c>. Catch this type to handle a failure of either store alike.
/// </summary>
/// <remarks>
/// A failed append wrote nothing (its transaction was rolled back), except where the concrete type says otherwise.
/// The driver's or the server's own error, when there is one, is the <see cref="Exception.InnerException"/>.
/// </remarks>
public abstract class StoreException : CoProductionException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="dataSource">The store's file, or its server, database and schema (never a password).</param>
    /// <param name="attempted">What was attempted, for example <c>append to stream 'cycle-kilifi-2016'</c>.</param>
    /// <param name="message">What was attempted, on which store, why it failed and what to do.</param>
    /// <param name="innerException">The driver's error, if any.</param>
    protected StoreException(string dataSource, string attempted, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        DataSource = dataSource;
        Attempted = attempted;
    }

    /// <summary>Gets the store's file, or its server, database and schema (never a password).</summary>
    public string DataSource { get; }

    /// <summary>Gets what was attempted, for example <c>append to stream 'cycle-kilifi-2016'</c> or <c>open the store</c>.</summary>
    public string Attempted { get; }
}
