using System;
using System.Globalization;
using System.IO;

namespace CoProduction.Samples.LearningSites;

/// <summary>The sample's options, parsed by hand from the command line (no extra packages).</summary>
/// <param name="OutputDirectory">Where the database, calendar, report and diagrams go.</param>
/// <param name="Fresh">Delete the sample's previous files and start the story again.</param>
/// <param name="Seed">Varies the days and hours things happen on; the same seed gives the same run.</param>
public sealed record SampleOptions(string OutputDirectory, bool Fresh, int Seed)
{
    /// <summary>The folder used when <c>--output</c> is not given, under the current directory.</summary>
    public const string DefaultOutputFolder = "coproduction-sample";

    /// <summary>The seed used when <c>--seed</c> is not given.</summary>
    public const int DefaultSeed = 2012;

    /// <summary>The help text.</summary>
    public const string Usage =
        """
        Usage: dotnet run --project samples/CoProduction.Samples.LearningSite [-- options]

          --output DIR   where the database and the files go (default: ./coproduction-sample)
          --fresh        delete the sample's previous files and start the story again
          --seed N       vary the days and hours of the story (default: 2012); same seed, same run
          --help         show this text

        First run: the seven-year story (2012-2018) is written to DIR/learning-site.db.
        Later runs continue it: the stored history is loaded back and one more annual cycle is run.
        """;

    /// <summary>Parses the arguments.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="help">Whether help was asked for.</param>
    /// <returns>The options.</returns>
    /// <exception cref="FormatException">An unknown option or a missing or malformed value; the message says which.</exception>
    public static SampleOptions Parse(string[] args, out bool help)
    {
        ArgumentNullException.ThrowIfNull(args);
        var output = Path.Combine(Directory.GetCurrentDirectory(), DefaultOutputFolder);
        var fresh = false;
        var seed = DefaultSeed;
        help = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--output" or "-o":
                    output = Path.GetFullPath(Value(args, ref i));
                    break;
                case "--fresh":
                    fresh = true;
                    break;
                case "--seed":
                    var text = Value(args, ref i);
                    if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out seed))
                    {
                        throw new FormatException($"--seed needs a whole number, not '{text}'.");
                    }

                    break;
                case "--help" or "-h" or "-?":
                    help = true;
                    break;
                default:
                    throw new FormatException($"Unknown option '{args[i]}'. Options: --output DIR, --fresh, --seed N, --help.");
            }
        }

        return new SampleOptions(output, fresh, seed);
    }

    private static string Value(string[] args, ref int i)
    {
        if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
        {
            throw new FormatException($"{args[i]} needs a value.");
        }

        return args[++i];
    }
}
