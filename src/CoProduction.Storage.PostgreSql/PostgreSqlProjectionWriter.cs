using System;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Projections;
using Npgsql;

namespace CoProduction.Storage.PostgreSql;

/// <summary>
/// Runs a <see cref="PostgreSqlProjection"/>'s SQL inside the projection store's transaction (its <c>search_path</c> the
/// store's schema), so its changes are committed with the checkpoint or not at all. Each statement text is kept as one
/// command per step and reused with new parameter values.
/// </summary>
public sealed class PostgreSqlProjectionWriter
{
    private readonly ProjectionStatements statements;

    internal PostgreSqlProjectionWriter(NpgsqlConnection connection, NpgsqlTransaction transaction)
        => statements = new ProjectionStatements(connection, transaction);

    /// <summary>Runs a statement that changes the model.</summary>
    /// <param name="sql">The statement, with named parameters such as <c>@stream</c>.</param>
    /// <param name="cancellationToken">Cancels the statement (and so the step).</param>
    /// <param name="parameters">Each parameter's name (without the <c>@</c>) and value; <see langword="null"/> is SQL NULL.</param>
    /// <returns>The number of rows changed.</returns>
    public async ValueTask<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return await statements.Bind(sql, parameters).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs a query that reads one value, for a fold that needs what the model already holds.</summary>
    /// <param name="sql">The query, with named parameters.</param>
    /// <param name="cancellationToken">Cancels the query (and so the step).</param>
    /// <param name="parameters">Each parameter's name (without the <c>@</c>) and value.</param>
    /// <returns>The first column of the first row, or <see langword="null"/> when there is no row or the value is NULL.</returns>
    public async ValueTask<object?> ScalarAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return await statements.Bind(sql, parameters).ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is { } value and not DBNull ? value : null;
    }

    /// <summary>Releases the commands at the end of the step.</summary>
    internal void Release() => statements.Release();
}
