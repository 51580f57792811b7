using System;
using CoProduction.Projections;
using Microsoft.Data.Sqlite;

namespace CoProduction.Storage.Sqlite;

/// <summary>
/// Runs a <see cref="SqliteProjection"/>'s SQL inside the projection store's transaction, so its changes are
/// committed with the checkpoint or not at all. Each statement text is prepared once per step and reused.
/// </summary>
/// <remarks>Synchronous on purpose: Microsoft.Data.Sqlite's async methods run synchronously anyway.</remarks>
public sealed class SqliteProjectionWriter
{
    private readonly ProjectionStatements statements;

    internal SqliteProjectionWriter(SqliteConnection connection, SqliteTransaction transaction)
        => statements = new ProjectionStatements(connection, transaction);

    /// <summary>Runs a statement that changes the model.</summary>
    /// <param name="sql">The statement, with named parameters such as <c>$stream</c>.</param>
    /// <param name="parameters">Each parameter's name (as written in the statement) and value; <see langword="null"/> is SQL NULL.</param>
    /// <returns>The number of rows changed.</returns>
    public int Execute(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
        => statements.Bind(sql, parameters).ExecuteNonQuery();

    /// <summary>Runs a query that reads one value, for a fold that needs what the model already holds.</summary>
    /// <param name="sql">The query, with named parameters.</param>
    /// <param name="parameters">Each parameter's name and value.</param>
    /// <returns>The first column of the first row, or <see langword="null"/> when there is no row or the value is NULL.</returns>
    public object? Scalar(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
        => statements.Bind(sql, parameters).ExecuteScalar() is { } value and not DBNull ? value : null;

    /// <summary>Releases the prepared statements at the end of the step.</summary>
    internal void Release() => statements.Release();
}
