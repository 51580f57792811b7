using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.Data.Sqlite;

namespace CoProduction.Storage.Sqlite;

/// <summary>
/// Runs one statement over many rows, <see cref="RowsPerStatement"/> rows at a time (a <c>VALUES</c> list or an
/// <c>IN</c> list of parameters), inside a step's transaction: a step of a thousand documents is a few dozen
/// statements, not thousands. Each statement text is prepared once per pooled connection and reused by every later
/// step on it (a catch-up commits hundreds of steps; preparing a statement of hundreds of parameters each time was a
/// tenth of its CPU).
/// </summary>
/// <remarks>
/// The prepared commands belong to their connection: SQLite finalizes them when the connection closes, and the table
/// forgets them with it. A connection serves one call at a time, so its commands are never used by two steps at once.
/// </remarks>
internal sealed class SqliteRows : IDisposable
{
    /// <summary>How many rows one statement carries at most (each row a few parameters, far below SQLite's limit).</summary>
    internal const int RowsPerStatement = 128;

    private static readonly ConditionalWeakTable<SqliteConnection, Dictionary<string, SqliteCommand>> PreparedOn = new();

    private readonly SqliteConnection connection;
    private readonly SqliteTransaction transaction;
    private readonly string projection;
    private readonly Dictionary<string, SqliteCommand> prepared;

    /// <summary>Runs statements in a step's transaction, with the statements already prepared on the connection.</summary>
    /// <param name="connection">The step's connection.</param>
    /// <param name="transaction">The step's transaction.</param>
    /// <param name="projection">The projection whose rows these are (parameter <c>$projection</c>).</param>
    public SqliteRows(SqliteConnection connection, SqliteTransaction transaction, string projection)
    {
        this.connection = connection;
        this.transaction = transaction;
        this.projection = projection;
        prepared = PreparedOn.GetValue(connection, _ => new Dictionary<string, SqliteCommand>(StringComparer.Ordinal));
    }

    /// <summary>Runs the statement over the rows.</summary>
    /// <param name="rows">The rows: one value per column, in the order of <paramref name="columns"/>.</param>
    /// <param name="statement">The statement, with <c>{0}</c> where the rows go.</param>
    /// <param name="row">One row's text, with <c>{0}</c>, <c>{1}</c>… for its columns.</param>
    /// <param name="columns">The columns' parameter names (a suffix numbers each row's).</param>
    /// <param name="cancellationToken">Cancels between statements.</param>
    public void Run(IEnumerable<string[]> rows, string statement, string row, string[] columns, CancellationToken cancellationToken)
    {
        var chunk = new List<string[]>(RowsPerStatement);
        foreach (var values in rows)
        {
            chunk.Add(values);
            if (chunk.Count == RowsPerStatement)
            {
                Execute(chunk, statement, row, columns, cancellationToken);
                chunk.Clear();
            }
        }

        if (chunk.Count > 0)
        {
            Execute(chunk, statement, row, columns, cancellationToken);
        }
    }

    /// <summary>Detaches the kept commands from the step's transaction; they stay prepared on the connection.</summary>
    public void Dispose()
    {
        foreach (var command in prepared.Values)
        {
            command.Transaction = null;
        }
    }

    private void Execute(List<string[]> chunk, string statement, string row, string[] columns, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var command = Prepared(chunk.Count, statement, row, columns);
        command.Transaction = transaction;
        var parameters = command.Parameters;
        parameters[0].Value = projection;
        for (var r = 0; r < chunk.Count; r++)
        {
            for (var c = 0; c < columns.Length; c++)
            {
                parameters[(r * columns.Length) + c + 1].Value = chunk[r][c];
            }
        }

        command.ExecuteNonQuery();
    }

    private SqliteCommand Prepared(int count, string statement, string row, string[] columns)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"{count}\u001F{statement}");
        if (prepared.TryGetValue(key, out var command))
        {
            return command;
        }

        command = connection.CreateCommand();
        command.Parameters.Add("$projection", SqliteType.Text);
        var texts = new string[count];
        for (var r = 0; r < count; r++)
        {
            var names = columns.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c}{r}")).ToArray();
            foreach (var name in names)
            {
                command.Parameters.Add(name, SqliteType.Text);
            }

            texts[r] = string.Format(CultureInfo.InvariantCulture, row, names);
        }

        command.CommandText = string.Format(CultureInfo.InvariantCulture, statement, string.Join(", ", texts));
        prepared.Add(key, command);
        return command;
    }
}
