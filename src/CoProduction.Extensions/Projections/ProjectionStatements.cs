using System;
using System.Collections.Generic;
using System.Data.Common;

namespace CoProduction.Projections;

/// <summary>
/// The statements a custom-SQL projection runs in one step's transaction, on any ADO.NET provider: each statement text is
/// one command for the whole step, bound again with each call's values, and disposed when the step ends.
/// </summary>
/// <param name="connection">The step's connection.</param>
/// <param name="transaction">The step's transaction.</param>
internal sealed class ProjectionStatements(DbConnection connection, DbTransaction transaction)
{
    private readonly Dictionary<string, DbCommand> prepared = new(StringComparer.Ordinal);

    /// <summary>The command of a statement text, with the values bound (<see langword="null"/> as SQL NULL).</summary>
    /// <param name="sql">The statement, with named parameters.</param>
    /// <param name="parameters">Each parameter's name and value.</param>
    /// <returns>The command, ready to run in the step's transaction.</returns>
    public DbCommand Bind(string sql, ReadOnlySpan<(string Name, object? Value)> parameters)
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
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = bound;
                command.Parameters.Add(parameter);
            }
        }

        return command;
    }

    /// <summary>Disposes the step's commands.</summary>
    public void Release()
    {
        foreach (var command in prepared.Values)
        {
            command.Dispose();
        }

        prepared.Clear();
    }
}
