using System;
using System.Collections.Generic;
using Microsoft.Data.Sqlite;

namespace CoProduction.Storage.Sqlite;

/// <summary>
/// Runs a <see cref="SqliteProjection"/>'s SQL inside the projection store's transaction, so its changes are
/// committed with the checkpoint or not at all. Each statement text is prepared once per step and reused.
/// </summary>
/// <remarks>Synchronous on purpose: Microsoft.Data.Sqlite's async methods run synchronously anyway.</remarks>
public sealed class SqliteProjectionWriter
{
    private readonly SqliteConnection connection;
    private readonly SqliteTransaction transaction;
    private readonly Dictionary<string, SqliteCommand> prepared = new(StringComparer.Ordinal);

    internal SqliteProjectionWriter(SqliteConnection connection, SqliteTransaction transaction)
    {
        this.connection = connection;
        this.transaction = transaction;
    }

    /// <summary>Runs a statement that changes the model.</summary>
    /// <param name="sql">The statement, with named parameters such as <c>$stream</c>.</param>
    /// <param name="parameters">Each parameter's name (as written in the statement) and value; <see langword="null"/> is SQL NULL.</param>
    /// <returns>The number of rows changed.</returns>
    public int Execute(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
        => Bind(sql, parameters).ExecuteNonQuery();

    /// <summary>Runs a query that reads one value, for a fold that needs what the model already holds.</summary>
    /// <param name="sql">The query, with named parameters.</param>
    /// <param name="parameters">Each parameter's name and value.</param>
    /// <returns>The first column of the first row, or <see langword="null"/> when there is no row or the value is NULL.</returns>
    public object? Scalar(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
        => Bind(sql, parameters).ExecuteScalar() is { } value and not DBNull ? value : null;

    /// <summary>Releases the prepared statements at the end of the step.</summary>
    internal void Release()
    {
        foreach (var command in prepared.Values)
        {
            command.Dispose();
        }

        prepared.Clear();
    }

    private SqliteCommand Bind(string sql, ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        if (!prepared.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            prepared.Add(sql, command);
        }

        foreach (var (name, value) in parameters)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(name, nameof(parameters));
            var bound = value ?? DBNull.Value;
            if (command.Parameters.Contains(name))
            {
                command.Parameters[name].Value = bound;
            }
            else
            {
                command.Parameters.AddWithValue(name, bound);
            }
        }

        return command;
    }
}
