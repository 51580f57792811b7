using System;
using CoProduction.Samples.LearningSites;

// The README's main command: dotnet run --project samples/CoProduction.Samples.LearningSite
SampleOptions options;
try
{
    options = SampleOptions.Parse(args, out var help);
    if (help)
    {
        Console.WriteLine(SampleOptions.Usage);
        return 0;
    }
}
catch (FormatException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(SampleOptions.Usage);
    return 2;
}

var result = await LearningSiteScenario.RunAsync(options);
ConsoleReport.Write(ConsoleReport.Create(Console.Out, Console.IsOutputRedirected), result, options);
return 0;
