using System;
using System.Linq;
using CoProduction.Reports;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace CoProduction.Tests.Reports;

public sealed class RunChartReadingTests
{
    [Fact]
    public void Six_points_above_the_median_are_a_shift_and_five_are_not()
    {
        double[] six = [1, 1, 1, 1, 1, 1, 9, 9, 9, 9, 9, 9, 5];
        var reading = RunChartReading.Read(six);
        Assert.Equal(5, reading.Median);
        Assert.Equal(2, reading.Shifts.Count);
        Assert.Equal((0, 6), (reading.Shifts[0].Start, reading.Shifts[0].Length));
        Assert.Equal((6, 6), (reading.Shifts[1].Start, reading.Shifts[1].Length));
        Assert.Contains("Shift above the median: 6 points, points 7–12", reading.Describe(), StringComparison.Ordinal);

        double[] five = [1, 1, 1, 1, 1, 9, 9, 9, 9, 9, 5];
        Assert.Empty(RunChartReading.Read(five).Shifts);
    }

    [Fact]
    public void Points_on_the_median_neither_make_nor_break_a_shift()
    {
        double[] values = [9, 9, 9, 5, 9, 9, 9, 1, 1, 1, 1, 5, 1, 1, 1];
        var reading = RunChartReading.Read(values);
        Assert.Equal(5, reading.Median);
        Assert.Single(reading.Shifts, s => s.Start == 0 && s.Length == 7);
    }

    [Fact]
    public void Five_rising_points_are_a_trend_and_four_are_not_and_ties_are_skipped()
    {
        Assert.Single(RunChartReading.Read([1, 2, 3, 4, 5]).Trends);
        Assert.Empty(RunChartReading.Read([1, 2, 3, 4, 1]).Trends);
        var tied = RunChartReading.Read([1, 2, 2, 3, 4, 5]);
        Assert.Single(tied.Trends);
        Assert.Contains("Trend rising: 5 points", tied.Describe(), StringComparison.Ordinal);
        Assert.Single(RunChartReading.Read([9, 8, 7, 6, 5, 6]).Trends, t => t.Description.StartsWith("Trend falling", StringComparison.Ordinal));
    }

    [Fact]
    public void Random_looking_data_is_read_as_random()
    {
        var reading = RunChartReading.Read([3, 7, 2, 8, 4, 6, 5]);
        Assert.Empty(reading.Shifts);
        Assert.Empty(reading.Trends);
        Assert.Contains("looks random", reading.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void No_values_or_a_value_that_is_not_finite_is_refused_with_an_argument_exception()
    {
        Assert.Throws<ArgumentException>(() => RunChartReading.Read([]));
        var error = Assert.Throws<ArgumentException>(() => RunChartReading.Read([1, double.NaN]));
        Assert.Contains("value 2", error.Message, StringComparison.Ordinal);
    }

    [FsCheck.Xunit.Property]
    public Property A_shift_is_reported_exactly_when_a_naive_count_finds_six_points_on_one_side_of_the_median(int[] raw)
    {
        var values = (raw ?? []).Select(v => (double)(Math.Abs(v % 5))).ToArray();
        if (values.Length == 0)
        {
            return true.ToProperty();
        }

        var reading = RunChartReading.Read(values);
        var sides = values.Select(v => Math.Sign(v - reading.Median)).Where(s => s != 0).ToArray();
        int runs = 0, length = 0;
        for (var i = 0; i < sides.Length; i++)
        {
            length = i > 0 && sides[i] == sides[i - 1] ? length + 1 : 1;
            if (length == RunChartReading.ShiftLength) { runs++; }
        }

        return (reading.Shifts.Count == runs && reading.Shifts.All(s => s.Length >= RunChartReading.ShiftLength)).ToProperty();
    }

    [FsCheck.Xunit.Property]
    public Property A_trend_is_reported_exactly_when_a_naive_count_finds_five_points_rising_or_falling(int[] raw)
    {
        var values = (raw ?? []).Select(v => (double)(v % 7)).ToArray();
        if (values.Length == 0)
        {
            return true.ToProperty();
        }

        var distinct = values.Where((v, i) => i == 0 || v != values[i - 1]).ToArray();
        int trends = 0, length = 1, direction = 0;
        for (var i = 1; i < distinct.Length; i++)
        {
            var d = Math.Sign(distinct[i] - distinct[i - 1]);
            length = d == direction ? length + 1 : 2;
            direction = d;
            if (length == RunChartReading.TrendLength) { trends++; }
        }

        return (RunChartReading.Read(values).Trends.Count == trends).ToProperty();
    }
}
