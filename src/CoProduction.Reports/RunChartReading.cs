using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace CoProduction.Reports;

/// <summary>A run of points that the run-chart rules call a signal.</summary>
/// <param name="Start">The index of the first point of the run.</param>
/// <param name="Length">How many points the run holds.</param>
/// <param name="Description">The run in words, e.g. "shift above the median: points 3–9".</param>
public sealed record RunChartSignal(int Start, int Length, string Description);

/// <summary>
/// The usual run-chart reading: the median, shifts (six or more consecutive points on one side of the
/// median) and trends (five or more consecutive points each higher, or each lower, than the one before).
/// </summary>
/// <remarks>
/// Points on the median neither make nor break a shift; a value equal to the one before neither makes nor
/// breaks a trend (the usual quality-improvement convention).
/// </remarks>
public sealed class RunChartReading
{
    /// <summary>The least number of consecutive points on one side of the median that is a shift.</summary>
    public const int ShiftLength = 6;

    /// <summary>The least number of consecutive increasing (or decreasing) points that is a trend.</summary>
    public const int TrendLength = 5;

    private RunChartReading(double median, IReadOnlyList<RunChartSignal> shifts, IReadOnlyList<RunChartSignal> trends)
    {
        Median = median;
        Shifts = shifts;
        Trends = trends;
    }

    /// <summary>The median of the values.</summary>
    public double Median { get; }

    /// <summary>The shifts found, in order.</summary>
    public IReadOnlyList<RunChartSignal> Shifts { get; }

    /// <summary>The trends found, in order.</summary>
    public IReadOnlyList<RunChartSignal> Trends { get; }

    /// <summary>Reads a run chart's values in time order.</summary>
    /// <param name="values">The values; at least one, all finite.</param>
    /// <returns>The median, shifts and trends.</returns>
    /// <exception cref="ArgumentException">No values, or a value that is not finite.</exception>
    public static RunChartReading Read(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("A run chart needs at least one value to read.", nameof(values));
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException($"Run-chart value {i + 1} is {values[i].ToString(CultureInfo.InvariantCulture)}; every value must be a finite number.", nameof(values));
            }
        }

        var median = MedianOf(values);
        return new RunChartReading(median, FindShifts(values, median), FindTrends(values));
    }

    /// <summary>The reading in words, one sentence per signal, or a sentence saying there is none.</summary>
    /// <returns>Plain English text, invariant culture.</returns>
    public string Describe()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Median {Median:0.#}. ");
        if (Shifts.Count == 0 && Trends.Count == 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"No shift ({ShiftLength}+ points on one side of the median) and no trend ({TrendLength}+ points rising or falling): the variation looks random.");
            return text.ToString();
        }

        foreach (var signal in Shifts.Concat(Trends))
        {
            text.Append(signal.Description).Append(". ");
        }

        return text.ToString().TrimEnd();
    }

    private static double MedianOf(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static List<RunChartSignal> FindShifts(IReadOnlyList<double> values, double median)
    {
        var shifts = new List<RunChartSignal>();
        int side = 0, start = -1, count = 0, last = -1;
        void Close()
        {
            if (count >= ShiftLength)
            {
                var where = side > 0 ? "above" : "below";
                shifts.Add(new RunChartSignal(start, last - start + 1, string.Create(CultureInfo.InvariantCulture, $"Shift {where} the median: {count} points, points {start + 1}–{last + 1}")));
            }
        }

        for (var i = 0; i < values.Count; i++)
        {
            var s = Math.Sign(values[i] - median);
            if (s == 0)
            {
                continue;
            }

            if (s != side)
            {
                Close();
                side = s;
                start = i;
                count = 0;
            }

            count++;
            last = i;
        }

        Close();
        return shifts;
    }

    private static List<RunChartSignal> FindTrends(IReadOnlyList<double> values)
    {
        var trends = new List<RunChartSignal>();
        int direction = 0, start = 0, count = 1, last = 0;
        void Close()
        {
            if (direction != 0 && count >= TrendLength)
            {
                var how = direction > 0 ? "rising" : "falling";
                trends.Add(new RunChartSignal(start, last - start + 1, string.Create(CultureInfo.InvariantCulture, $"Trend {how}: {count} points, points {start + 1}–{last + 1}")));
            }
        }

        for (var i = 1; i < values.Count; i++)
        {
            var d = Math.Sign(values[i] - values[last]);
            if (d == 0)
            {
                continue;
            }

            if (d != direction)
            {
                Close();
                direction = d;
                start = last;
                count = 1;
            }

            count++;
            last = i;
        }

        Close();
        return trends;
    }
}
